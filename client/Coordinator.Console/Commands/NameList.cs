using Coordinator.Domain;

namespace Coordinator.Console.Commands;

/// <summary>A comma-separated list of names given to an option, e.g. --writers indexer,etl.</summary>
public static class NameList
{
    /// <summary>The names in the order given, without blanks or repeats; null when the option was not given.</summary>
    public static IReadOnlyList<string>? Parse(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Adds an error naming <paramref name="option"/> for an empty list or any invalid name in it.</summary>
    public static void Check(string option, string? text, ICollection<FieldError> errors)
    {
        if (Parse(text) is not { } names)
        {
            return;
        }

        if (names.Count == 0)
        {
            errors.Add(new FieldError(option, "names nothing"));
        }

        foreach (var name in names)
        {
            NameRules.Check(option, name, errors);
        }
    }
}
