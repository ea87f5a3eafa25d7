namespace Coordinator.Campaigns;

/// <summary>How gate reasons spell numbers and lists, shared by both gates' metric tables.</summary>
internal static class GateText
{
    public static string Join(string first, string? second) => second is null ? first : $"{first}; {second}";

    /// <summary>The first five ids and how many more: a reason stays one readable line.</summary>
    public static string List(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? $" and {ids.Count - 5} more" : string.Empty);

    public static string Ms(double value) => MetricJudge.Format(value, MetricUnit.Milliseconds);

    public static string Score(double value) => MetricJudge.Format(value, MetricUnit.Score);
}
