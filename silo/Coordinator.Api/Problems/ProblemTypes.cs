namespace Coordinator.Api.Problems;

/// <summary>
/// The stable <c>type</c> URI of each problem: one per error code, never changed once published, so a
/// client branches on it rather than on the title or detail.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:coordinator:problem:";

    /// <summary>"StaleEpoch" → "urn:coordinator:problem:stale-epoch".</summary>
    public static string For(string code)
    {
        var kebab = new System.Text.StringBuilder();
        foreach (var c in code)
        {
            if (char.IsUpper(c) && kebab.Length > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(c));
        }

        return Prefix + kebab;
    }
}
