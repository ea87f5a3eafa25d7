namespace Coordinator.Campaigns.Json;

/// <summary>The spec's spelling of <see cref="JudgeMode"/>.</summary>
internal static class JudgeModes
{
    public const string Expected = "'threshold', 'judge' or 'both'";

    public static string ToWire(JudgeMode mode) => mode switch
    {
        JudgeMode.Judge => "judge",
        JudgeMode.Both => "both",
        _ => "threshold",
    };

    public static JudgeMode? FromWire(string text) => text switch
    {
        "threshold" => JudgeMode.Threshold,
        "judge" => JudgeMode.Judge,
        "both" => JudgeMode.Both,
        _ => null,
    };
}
