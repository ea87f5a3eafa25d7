using System.Globalization;

namespace Coordinator.Console.Commands;

/// <summary>
/// Numbers given to options, parsed here rather than by the command-line parser so that a bad value
/// is reported naming its option.
/// </summary>
public static class WholeNumber
{
    public static bool TryParse(string? text, out long value) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Adds an error naming <paramref name="option"/> unless <paramref name="text"/> is a whole number in [min, max].</summary>
    public static void Check(string option, string? text, long min, long max, ICollection<FieldError> errors)
    {
        if (text is null)
        {
            errors.Add(new FieldError(option, "is required"));
        }
        else if (!TryParse(text, out var value))
        {
            errors.Add(new FieldError(option, $"'{text}' is not a whole number"));
        }
        else if (value < min || value > max)
        {
            errors.Add(new FieldError(option, max >= int.MaxValue
                ? $"must be at least {min} (got {value})"
                : $"must be between {min} and {max} (got {value})"));
        }
    }

    /// <summary>The value of an option that was checked with <see cref="Check"/>.</summary>
    public static long Parsed(string? text) =>
        TryParse(text, out var value) ? value : throw new InvalidOperationException("settings were not validated");
}
