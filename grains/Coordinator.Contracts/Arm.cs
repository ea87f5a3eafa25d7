namespace Coordinator;

/// <summary>One of the two identical stacks of a service in a region.</summary>
[GenerateSerializer]
[Alias("coordinator.Arm")]
public enum Arm
{
    /// <summary>The live stack: the one serving before a campaign; a new region starts on Blue.</summary>
    Blue = 0,
    /// <summary>The new stack a campaign moves traffic to.</summary>
    Green = 1,
}

/// <summary>Conversions between <see cref="Arm"/> and its wire text ("blue"/"green").</summary>
public static class ArmExtensions
{
    /// <summary>Blue for Green and Green for Blue: the arm a flip moves to.</summary>
    public static Arm Other(this Arm arm) => arm == Arm.Blue ? Arm.Green : Arm.Blue;

    /// <summary>"blue" or "green": the form used in keys, JSON and console output.</summary>
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
