namespace Coordinator.Arms;

/// <summary>Validates <see cref="ArmOptions"/>, every error at once, each naming its field.</summary>
public static class ArmOptionsValidator
{
    /// <summary>The longest delay a stage may be given, in milliseconds.</summary>
    public const int MaxDelayMs = 60_000;

    /// <summary>Every error as "Field: reason"; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(ArmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.Name) || options.Name.Length > 40
            || !options.Name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add($"{nameof(ArmOptions.Name)}: '{options.Name}' must be 1-40 characters of lowercase letters, digits or '-'");
        }

        if (!Enum.IsDefined(options.Build))
        {
            errors.Add($"{nameof(ArmOptions.Build)}: {(int)options.Build} is not a build (Blue or Green)");
        }

        if (!(options.DropFraction is >= 0 and <= 0.9))
        {
            errors.Add($"{nameof(ArmOptions.DropFraction)}: {options.DropFraction} must be between 0 and 0.9");
        }

        Delay(errors, nameof(ArmOptions.RetrieveDelayMs), options.RetrieveDelayMs);
        Delay(errors, nameof(ArmOptions.RerankDelayMs), options.RerankDelayMs);
        Delay(errors, nameof(ArmOptions.ReasonDelayMs), options.ReasonDelayMs);
        if (!(options.FaultFraction is >= 0 and <= 1))
        {
            errors.Add($"{nameof(ArmOptions.FaultFraction)}: {options.FaultFraction} must be between 0 and 1");
        }

        if (options.FaultStatus is < 500 or > 599)
        {
            errors.Add($"{nameof(ArmOptions.FaultStatus)}: {options.FaultStatus} must be a 5xx status (500-599)");
        }

        if (options.MaxTopK is < 1 or > 50)
        {
            errors.Add($"{nameof(ArmOptions.MaxTopK)}: {options.MaxTopK} must be between 1 and 50");
        }

        if (options.DefaultTopK < 1 || options.DefaultTopK > Math.Clamp(options.MaxTopK, 1, 50))
        {
            errors.Add($"{nameof(ArmOptions.DefaultTopK)}: {options.DefaultTopK} must be between 1 and {nameof(ArmOptions.MaxTopK)} ({options.MaxTopK})");
        }

        return errors;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="ArmOptionsException">Every error.</exception>
    public static void ThrowIfInvalid(ArmOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArmOptionsException(errors);
        }
    }

    private static void Delay(List<string> errors, string field, int value)
    {
        if (value is < 0 or > MaxDelayMs)
        {
            errors.Add($"{field}: {value} must be between 0 and {MaxDelayMs} ms");
        }
    }
}

/// <summary>Arm options that are not valid; <see cref="Errors"/> names each field.</summary>
public sealed class ArmOptionsException(IReadOnlyList<string> errors)
    : ArgumentException("The arm options are not valid: " + string.Join("; ", errors))
{
    /// <summary>Each error as "Field: reason".</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
