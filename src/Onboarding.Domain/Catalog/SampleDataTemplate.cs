using System.Text.Json;

namespace Onboarding.Domain.Catalog;

/// <summary>
/// The demo data a catalog offers: collections of obviously fictional objects, each standing for the objects one of
/// the catalog's activity counters counts. A catalog without one offers no sample data.
/// </summary>
public sealed record SampleDataTemplate(IReadOnlyList<SampleCollectionTemplate> Collections)
{
    /// <summary>
    /// The most objects a set may hold: they are written in one entity-group transaction (100 actions) with the
    /// organization's state, its <c>sample_data_generated</c> event and the progress that event makes.
    /// </summary>
    public const int MaxItems = 80;

    public SampleCollectionTemplate? ByKind(string kind) => Collections.FirstOrDefault(c => c.Kind == kind);
}

/// <summary>
/// One collection: its objects are keyed <c>{Kind}-{n}</c> (n from 1) and stand for <paramref name="Counter"/>'s objects.
/// Either <paramref name="Items"/>, each object's fields as values to evaluate, or a <paramref name="Rota"/>.
/// </summary>
public sealed record SampleCollectionTemplate(
    string Counter,
    string Kind,
    IReadOnlyList<IReadOnlyDictionary<string, SampleValue>> Items,
    SampleRota? Rota);

/// <summary>
/// Members of groups booked onto shifts: every object of <paramref name="Shifts"/> names groups in its field
/// <paramref name="ShiftGroups"/> (keys) and how many members each sends in <paramref name="PerGroup"/>; a group's
/// members (objects of <paramref name="Members"/> whose <paramref name="MemberGroup"/> is its key) take turns from a
/// member the organization's seed picks. Each booking has the fields <c>{shift kind}Key</c>, <c>{member kind}Key</c>,
/// <paramref name="MemberGroup"/> and the group's fields named in <paramref name="CopyFromGroup"/>.
/// </summary>
public sealed record SampleRota(
    string Shifts,
    string ShiftGroups,
    string PerGroup,
    string Members,
    string MemberGroup,
    IReadOnlyList<string> CopyFromGroup);

/// <summary>How one field of a sample object gets its value, for the object at a given position of its collection.</summary>
public abstract record SampleValue;

/// <summary>A JSON value copied as it is.</summary>
public sealed record LiteralSampleValue(JsonElement Value) : SampleValue;

/// <summary>
/// "First Family": the first names in an order the organization's seed decides (distinct while the collection has no
/// more objects than first names), each with a family name the seed picks.
/// </summary>
public sealed record FictionalNameSampleValue(IReadOnlyList<string> FirstNames, IReadOnlyList<string> FamilyNames) : SampleValue;

/// <summary>The keys of an earlier collection (by counter), in turn: object n gets key n mod their count.</summary>
public sealed record CycleKeysSampleValue(string Counter) : SampleValue;

/// <summary>The values in turn: object n gets value n mod their count.</summary>
public sealed record CycleValuesSampleValue(IReadOnlyList<JsonElement> Values) : SampleValue;

/// <summary>
/// A wall-clock time in the organization's time zone: the next <paramref name="Weekday"/> after the day of
/// generation (or that day itself without one), plus <paramref name="Days"/>, at <paramref name="Time"/>. Its value
/// is <c>{ "local": "yyyy-MM-ddTHH:mm", "utc": instant }</c>.
/// </summary>
public sealed record WhenSampleValue(DayOfWeek? Weekday, int Days, TimeOnly Time) : SampleValue;
