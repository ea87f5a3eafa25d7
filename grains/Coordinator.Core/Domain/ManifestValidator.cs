using System.Text.RegularExpressions;

namespace Coordinator.Domain;

/// <summary>Checks an <see cref="ArmManifest"/> and reports every problem at once, by JSON field name.</summary>
public static partial class ManifestValidator
{
    public const int MaxFieldLength = 128;
    public const int MaxLabels = 32;
    public const int MaxLabelValueLength = 256;

    [GeneratedRegex("^[A-Za-z0-9._:+@/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKeyPattern();

    public static IReadOnlyList<FieldError> Validate(ArmManifest? manifest, string prefix = "")
    {
        var errors = new List<FieldError>();
        if (manifest is null)
        {
            errors.Add(new FieldError(prefix.Length == 0 ? "manifest" : prefix.TrimEnd('.'), "is required"));
            return errors;
        }

        foreach (var field in ManifestFields.Versions)
        {
            CheckVersion(prefix + field.Name, field.Get(manifest), errors);
        }

        var fingerprint = manifest.SecretsFingerprint;
        if (string.IsNullOrWhiteSpace(fingerprint))
        {
            errors.Add(new FieldError(prefix + ManifestFields.SecretsFingerprint, "is required"));
        }
        else if (!FingerprintPattern().IsMatch(fingerprint))
        {
            // A fingerprint that is not a hash may be a secret pasted by mistake: never echo it back.
            errors.Add(new FieldError(prefix + ManifestFields.SecretsFingerprint, "must be 'sha256:' followed by 64 lowercase hex digits (a hash of the secrets, never a secret)"));
        }

        var labels = manifest.Labels;
        if (labels is not null)
        {
            if (labels.Count > MaxLabels)
            {
                errors.Add(new FieldError(prefix + ManifestFields.Labels, $"must have at most {MaxLabels} entries (got {labels.Count})"));
            }

            foreach (var (key, value) in labels)
            {
                if (key.Length is 0 or > 63 || !LabelKeyPattern().IsMatch(key))
                {
                    errors.Add(new FieldError($"{prefix}{ManifestFields.Labels}.{key}", "label keys are 1-63 lowercase letters, digits, '.', '_', '/' or '-'"));
                }
                else if (value is null || value.Length > MaxLabelValueLength || value.Any(char.IsControl))
                {
                    errors.Add(new FieldError($"{prefix}{ManifestFields.Labels}.{key}", $"label values are at most {MaxLabelValueLength} characters without control characters"));
                }
            }
        }

        CheckEndpoints(manifest.Endpoints, prefix + ManifestFields.Endpoints, errors);
        return errors;
    }

    public static void CheckVersion(string field, string? value, ICollection<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "is required"));
        }
        else if (value.Length > MaxFieldLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxFieldLength} characters (got {value.Length})"));
        }
        else if (!VersionPattern().IsMatch(value))
        {
            errors.Add(new FieldError(field, "may contain only letters, digits and . _ : + @ / -"));
        }
    }
}
