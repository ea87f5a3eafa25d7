using System.Globalization;

namespace Coordinator.Campaigns;

/// <summary>An inclusive range a campaign spec value must lie in; NaN lies in no range.</summary>
public readonly record struct NumberRange(double Min, double Max, string Unit = "")
{
    /// <summary>True when <paramref name="value"/> lies in [<see cref="Min"/>, <see cref="Max"/>]; false for NaN.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The error text for a value outside the range, e.g. "must be between 0 and 1 (got 1.5)".</summary>
    public string Describe(double value)
    {
        var unit = Unit.Length == 0 ? string.Empty : " " + Unit;
        return $"must be between {Format(Min)} and {Format(Max)}{unit} (got {Format(value)})";
    }

    /// <summary>Invariant, at most six decimals, no exponent for ordinary values.</summary>
    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
