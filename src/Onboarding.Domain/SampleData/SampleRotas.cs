using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Domain.Catalog;

namespace Onboarding.Domain.SampleData;

/// <summary>
/// Books members of groups onto shifts (<see cref="SampleRota"/>). Each group's members take turns in a fixed rotation
/// starting at a member the organization's seed picks, so the load is spread and nobody is booked twice onto one
/// shift: a group never sends more members than it has.
/// </summary>
internal static class SampleRotas
{
    public static List<SampleItem> Book(SampleRota rota, string kind, SampleDataGenerator.Context context)
    {
        var shifts = Collection(context, rota.Shifts);
        var members = Collection(context, rota.Members);
        var rotations = members.Items
            .GroupBy(member => Text(member, rota.MemberGroup, rota.Members))
            .ToDictionary(group => group.Key, group => new Rotation([.. group]) { Next = context.Sequence.Below(group.Count()) }, StringComparer.Ordinal);

        var bookings = new List<SampleItem>();
        foreach (var shift in shifts.Items)
        {
            var perGroup = Number(shift, rota.PerGroup, rota.Shifts);
            foreach (var groupKey in Keys(shift, rota.ShiftGroups, rota.Shifts))
            {
                var group = context.Item(groupKey) ?? throw new SampleTemplateException($"'{rota.Shifts}' names '{groupKey}', which is no object before this collection.");
                if (!rotations.TryGetValue(groupKey, out var rotation))
                {
                    continue;
                }
                for (var slot = 0; slot < Math.Min(perGroup, rotation.Members.Count); slot++)
                {
                    var member = rotation.Members[rotation.Next];
                    rotation.Next = (rotation.Next + 1) % rotation.Members.Count;
                    var fields = new JsonObject
                    {
                        [shifts.Kind + "Key"] = shift.Key,
                        [members.Kind + "Key"] = member.Key,
                        [rota.MemberGroup] = groupKey,
                    };
                    foreach (var copied in rota.CopyFromGroup)
                    {
                        fields[copied] = group.Fields[copied]?.DeepClone()
                            ?? throw new SampleTemplateException($"'{groupKey}' has no field '{copied}' to copy.");
                    }
                    bookings.Add(new SampleItem(SampleDataGenerator.Key(kind, bookings.Count + 1), fields));
                }
            }
        }
        return bookings;
    }

    private static SampleCollection Collection(SampleDataGenerator.Context context, string counter) =>
        context.Collection(counter) ?? throw new SampleTemplateException($"the rota takes '{counter}', which is no collection before it.");

    private static string Text(SampleItem item, string field, string counter) =>
        item.Fields[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new SampleTemplateException($"the objects of '{counter}' need a text field '{field}'.");

    private static int Number(SampleItem item, string field, string counter) =>
        item.Fields[field] is JsonValue value && value.TryGetValue<int>(out var number) && number >= 0
            ? number
            : throw new SampleTemplateException($"the objects of '{counter}' need a whole number field '{field}'.");

    private static IEnumerable<string> Keys(SampleItem item, string field, string counter) =>
        item.Fields[field] is JsonArray keys && keys.All(k => k is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            ? keys.Select(k => k!.GetValue<string>())
            : throw new SampleTemplateException($"the objects of '{counter}' need a field '{field}' listing keys.");

    private sealed class Rotation(List<SampleItem> members)
    {
        public List<SampleItem> Members { get; } = members;

        public int Next { get; set; }
    }
}
