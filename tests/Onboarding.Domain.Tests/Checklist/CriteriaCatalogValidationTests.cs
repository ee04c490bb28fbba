using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.Tests.Checklist;

public sealed class CriteriaCatalogValidationTests
{
    [Fact]
    public void AnUnknownCriteriaTypeIsRejectedWithItsPath()
    {
        var error = ParseWithCriteria("""{ "type": "sql_query", "query": "select 1" }""");

        Assert.StartsWith("checklist.tasks[1].criteria.type: unknown criteria type 'sql_query'", error.Message);
    }

    [Fact]
    public void AnUnknownStateFieldIsRejectedWithItsPath()
    {
        var error = ParseWithCriteria("""{ "type": "state_check", "field": "wizard.finished", "operator": "=", "value": true }""");

        Assert.StartsWith("checklist.tasks[1].criteria.field: unknown state field 'wizard.finished'", error.Message);
    }

    [Fact]
    public void AnUnknownCounterIsRejectedWithItsPath()
    {
        var error = ParseWithCriteria("""{ "type": "activity_count", "counter": "members", "operator": ">=", "value": 1 }""");

        Assert.StartsWith("checklist.tasks[1].criteria.counter: unknown counter 'members'", error.Message);
    }

    [Fact]
    public void AnUnknownEventTypeIsRejectedWithItsPath()
    {
        var error = ParseWithCriteria("""{ "type": "event_count", "eventType": "report_viewed", "operator": ">=", "value": 1 }""");

        Assert.StartsWith("checklist.tasks[1].criteria.eventType: unknown event type 'report_viewed'", error.Message);
    }

    [Fact]
    public void AnUnknownOperatorIsRejectedWithItsPath()
    {
        var error = ParseWithCriteria("""{ "type": "activity_count", "counter": "teams", "operator": "!=", "value": 1 }""");

        Assert.StartsWith("checklist.tasks[1].criteria.operator: unknown operator '!='", error.Message);
    }

    [Fact]
    public void AnEmptyCompositeIsRejectedWithItsPath()
    {
        var error = ParseWithCriteria("""{ "type": "composite_or", "criteria": [] }""");

        Assert.Equal("checklist.tasks[1].criteria.criteria: a composite needs at least one criterion.", error.Message);
    }

    [Fact]
    public void AProblemInsideNestedCompositesNamesTheFullPath()
    {
        var error = ParseWithCriteria("""
            { "type": "composite_and", "criteria": [
                { "type": "composite_or", "criteria": [
                    { "type": "manual" },
                    { "type": "activity_count", "counter": "teams", "operator": "=>", "value": 1 } ] } ] }
            """);

        Assert.StartsWith("checklist.tasks[1].criteria.criteria[0].criteria[1].operator: unknown operator '=>'", error.Message);
    }

    [Fact]
    public void NestedCompositesParseIntoTheCriteriaTheyDescribe()
    {
        var catalog = CatalogJson.Parse(CatalogWithCriteria("""
            { "type": "composite_and", "criteria": [
                { "type": "composite_or", "criteria": [
                    { "type": "state_check", "field": "wizard.completed", "operator": "=", "value": true },
                    { "type": "event_count", "eventType": "view_reports", "operator": ">", "value": 2 } ] },
                { "type": "activity_count", "counter": "teams", "operator": "<", "value": 4 } ] }
            """));

        var criteria = Assert.IsType<CompositeAndCriterion>(catalog.ChecklistTasks[1].Criteria);
        var either = Assert.IsType<CompositeOrCriterion>(criteria.Criteria[0]);
        Assert.Equal(new StateCheckCriterion("wizard.completed", ComparisonOperator.Equal, 1), either.Criteria[0]);
        Assert.Equal(new EventCountCriterion("view_reports", ComparisonOperator.Greater, 2), either.Criteria[1]);
        Assert.Equal(new ActivityCountCriterion("teams", ComparisonOperator.Less, 4), criteria.Criteria[1]);
    }

    private static CatalogException ParseWithCriteria(string criteria) =>
        Assert.Throws<CatalogException>(() => CatalogJson.Parse(CatalogWithCriteria(criteria)));

    /// <summary>The shipped catalog with the second task's criteria replaced.</summary>
    private static string CatalogWithCriteria(string criteria)
    {
        var catalog = JsonNode.Parse(DefaultCatalog.Json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        catalog["checklist"]!["tasks"]![1]!["criteria"] = JsonNode.Parse(criteria);
        return catalog.ToJsonString();
    }
}
