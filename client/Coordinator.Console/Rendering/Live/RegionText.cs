using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>
/// A region as one line, "  eu-west  green  epoch 3   hold-and-watch  hold inconclusive  note", columns
/// aligned over every region of the campaign so they do not move as regions are hidden or shown.
/// </summary>
public sealed class RegionText
{
    private readonly int _name;
    private readonly int _arm;
    private readonly int _step;
    private readonly int _gate;
    private readonly bool _compact;

    /// <param name="width">The screen's width: when the full columns do not fit it, arm and epoch become "green@3" and columns are one space apart.</param>
    public RegionText(IReadOnlyList<RegionProgress> regions, int width)
    {
        int Widest(Func<RegionProgress, string> column) => regions.Select(r => column(r).Length).DefaultIfEmpty(0).Max();
        _name = Widest(r => r.Region);
        _step = Widest(Step);
        _gate = Widest(Gate);
        var full = 2 + _name + 2 + "green".Length + 2 + Widest(Epoch) + 2 + _step + 2 + _gate;
        _compact = full > width;
        _arm = _compact ? Widest(ArmAtEpoch) : "green".Length + 2 + Widest(Epoch);
    }

    public ScreenLine Line(RegionProgress region)
    {
        var gap = _compact ? " " : "  ";
        var arm = _compact ? ArmAtEpoch(region) : $"{Arm(region),-5}  {Epoch(region)}";
        var text = $"  {region.Region.PadRight(_name)}{gap}{arm.PadRight(_arm)}{gap}{Step(region).PadRight(_step)}{gap}{Gate(region).PadRight(_gate)}";
        if ((region.RollbackBlocked is { } blocked ? $"ROLLBACK BLOCKED: {blocked}" : region.Note) is { } note)
        {
            text += gap + note;
        }

        return new ScreenLine(ScreenLineKind.Region, text.TrimEnd(), Tone(region));
    }

    /// <summary>"green@3", "blue@>3" after a rollback, "blue" before Verify read an epoch.</summary>
    public static string ArmAtEpoch(RegionProgress region) =>
        Epoch(region) is var epoch && epoch == "epoch -" ? Arm(region) : $"{Arm(region)}@{epoch["epoch ".Length..]}";

    /// <summary>The arm the region serves as far as the campaign knows: Green from its flip until a rollback.</summary>
    public static string Arm(RegionProgress region) =>
        region.FlippedEpoch is not null && region.Outcome != RegionOutcome.RolledBack ? "green" : "blue";

    /// <summary>
    /// The epoch the campaign last recorded: the flip's, or the one Verify read. A rolled-back region
    /// was flipped back after its Green epoch, at an epoch the campaign does not record: "epoch &gt;3".
    /// </summary>
    public static string Epoch(RegionProgress region) => region switch
    {
        { Outcome: RegionOutcome.RolledBack, FlippedEpoch: { } flipped } => $"epoch >{Display.Number(flipped)}",
        { FlippedEpoch: { } flipped } => $"epoch {Display.Number(flipped)}",
        { ExpectedEpoch: { } read } => $"epoch {Display.Number(read)}",
        _ => "epoch -",
    };

    /// <summary>The checklist step while in progress, else where the region ended up.</summary>
    public static string Step(RegionProgress region) =>
        region.Outcome == RegionOutcome.InProgress ? region.Step.ToWire() : CampaignStatusView.OutcomeText(region.Outcome);

    /// <summary>"hold pass", "warm fail", or "-" before any gate judged.</summary>
    public static string Gate(RegionProgress region) => GateFocus.Latest(region) is { } gate
        ? $"{(gate.Kind == GateKind.Hold ? "hold" : "warm")} {CampaignStatusView.Verdict(gate.Verdict)}"
        : "-";

    private static LineTone Tone(RegionProgress region) => region switch
    {
        { RollbackBlocked: not null } => LineTone.Bad,
        _ when GateFocus.Latest(region) is { Verdict: GateVerdict.Fail } => LineTone.Bad,
        { Outcome: RegionOutcome.RolledBack } => LineTone.Warn,
        { Outcome: RegionOutcome.Done } => LineTone.Good,
        { Outcome: RegionOutcome.Pending } => LineTone.Muted,
        _ when GateFocus.Latest(region) is { Verdict: GateVerdict.Inconclusive } => LineTone.Warn,
        _ => LineTone.Plain,
    };
}
