namespace Coordinator;

/// <summary>One of the two identical stacks of a service in a region.</summary>
[GenerateSerializer]
[Alias("coordinator.Arm")]
public enum Arm
{
    Blue = 0,
    Green = 1,
}

public static class ArmExtensions
{
    public static Arm Other(this Arm arm) => arm == Arm.Blue ? Arm.Green : Arm.Blue;

    public static string ToWire(this Arm arm) => arm == Arm.Blue ? "blue" : "green";

    /// <summary>Parses "blue"/"green" (any case); anything else is not an arm.</summary>
    public static bool TryParse(string? text, out Arm arm)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "blue":
                arm = Arm.Blue;
                return true;
            case "green":
                arm = Arm.Green;
                return true;
            default:
                arm = Arm.Blue;
                return false;
        }
    }
}
