using System.Text.RegularExpressions;

namespace Coordinator.Arms.Retrieval;

/// <summary>Splits a passage into sentences at ". ", "? " or "! " before a capital letter or digit.</summary>
internal static partial class Sentences
{
    public static IReadOnlyList<string> Split(string text) =>
        [.. Boundary().Split(text.Trim()).Where(s => s.Length > 0)];

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9])")]
    private static partial Regex Boundary();
}
