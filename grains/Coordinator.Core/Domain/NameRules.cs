using System.Text.RegularExpressions;

namespace Coordinator.Domain;

/// <summary>
/// Service, region, writer and campaign names: DNS-label shaped, so they are safe in grain keys,
/// stream keys, Azure table keys and shell arguments alike.
/// </summary>
public static partial class NameRules
{
    public const int MaxLength = 63;

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    /// <summary>Adds an error naming <paramref name="field"/> when <paramref name="value"/> is not a valid name.</summary>
    public static void Check(string field, string? value, ICollection<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError(field, "is required"));
        }
        else if (value.Length > MaxLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxLength} characters (got {value.Length})"));
        }
        else if (!LabelPattern().IsMatch(value))
        {
            errors.Add(new FieldError(field, $"'{value}' must be lowercase letters, digits and '-', starting and ending with a letter or digit"));
        }
    }

    /// <summary>Free text such as an operator name or a reason: required, bounded, no control characters.</summary>
    public static void CheckText(string field, string? value, int maxLength, ICollection<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "is required"));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"must be at most {maxLength} characters (got {value.Length})"));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, "must not contain control characters"));
        }
    }

    /// <summary>Throws one <see cref="InvalidInputException"/> listing every error, if there are any.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
    }

    public static void ValidateRegionKey(string service, string region)
    {
        var errors = new List<FieldError>();
        Check("service", service, errors);
        Check("region", region, errors);
        ThrowIfAny(errors);
    }
}
