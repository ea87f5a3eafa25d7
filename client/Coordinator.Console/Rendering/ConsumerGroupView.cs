using Coordinator.Fences;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>One consumer group's pointer: the version and token, the current move, counters, offsets and live instances.</summary>
public static class ConsumerGroupView
{
    public const string NotConfigured = "(not configured)";

    public static IRenderable Render(string service, string region, ConsumerPointerStatus status, DateTimeOffset now)
    {
        var parts = new List<IRenderable>
        {
            new Rule($"[bold]{Markup.Escape($"{service}/{region}")}[/] consumer group [bold]{Markup.Escape(status.Group)}[/]").LeftJustified(),
            Summary(status),
            Counters(status.Counters),
            Offsets(status),
            Instances(status, now),
        };
        return new Rows(parts);
    }

    private static Grid Summary(ConsumerPointerStatus status)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2).NoWrap()).AddColumn();
        Row(grid, "CONSUMER_VER", status.ActiveConsumerVer is { } ver ? new Text(ver, new Style(decoration: Decoration.Bold)) : Dim(NotConfigured));
        Row(grid, "mode", new Text(status.Mode.ToString()));
        Row(grid, "token", new Text(Display.Number(status.Token)));
        Row(grid, "paused by", new Text(Display.OrDash(status.PausedBy)));
        Row(grid, "current move", new Text(Move(status.CurrentMove)));
        Row(grid, "ledger policy", new Text($"{PolicyName(status.LedgerPolicy)} ({Display.Number(status.Counters.LedgerFullRefusals)} commits refused as ledger-full)"));
        if (status.LedgerFullReason is { } full)
        {
            Row(grid, "ledger", new Text(full, new Style(Color.Red)));
        }

        return grid;
    }

    /// <summary>The policy as <c>consumers configure --ledger-policy</c> spells it.</summary>
    public static string PolicyName(LedgerPolicy policy) => policy == LedgerPolicy.FailOpen ? "fail-open" : "fail-closed";

    private static string Move(MoveStatus? move) => move is null
        ? "-"
        : $"{move.FromConsumerVer} → {move.ToConsumerVer} {move.State} since {Display.Time(move.StartedAt)} (key {move.IdempotencyKey}); "
          + (move.PendingInstances.Count == 0 ? "no instance pending" : $"waiting for {string.Join(", ", move.PendingInstances)}");

    private static Table Counters(ConsumerCounters counters) => new Table()
        .AddColumn(new TableColumn("Side effects accepted").RightAligned())
        .AddColumn(new TableColumn("Dedupe hits").RightAligned())
        .AddColumn(new TableColumn("Fenced attempts").RightAligned())
        .AddColumn(new TableColumn("Conflicts").RightAligned())
        .AddColumn(new TableColumn("Ledger keys").RightAligned())
        .AddColumn(new TableColumn("Ledger evictions").RightAligned())
        .AddRow(
            Display.Number(counters.SideEffectsAccepted),
            Display.Number(counters.DedupeHits),
            Display.Number(counters.FencedAttempts),
            Display.Number(counters.Conflicts),
            Display.Number(counters.LedgerKeys),
            Display.Number(counters.LedgerEvictions));

    private static IRenderable Offsets(ConsumerPointerStatus status)
    {
        if (status.Offsets.Count == 0)
        {
            return Dim("  no partitions");
        }

        return OffsetTable.Render("Committed offset", status.Offsets);
    }

    private static IRenderable Instances(ConsumerPointerStatus status, DateTimeOffset now)
    {
        if (status.Instances.Count == 0)
        {
            return Dim("  no live instances");
        }

        var table = new Table()
            .AddColumn("Instance")
            .AddColumn("CONSUMER_VER")
            .AddColumn("Last heartbeat (UTC)")
            .AddColumn("Paused");
        foreach (var instance in status.Instances)
        {
            table.AddRow(
                new Text(instance.InstanceId),
                new Text(instance.ConsumerVer),
                new Text($"{Display.Time(instance.LastHeartbeat)} ({Display.Ago(instance.LastHeartbeat, now)})"),
                new Text(instance.Paused ? "yes" : "no"));
        }

        return table;
    }

    private static void Row(Grid grid, string key, IRenderable value) =>
        grid.AddRow(new Text(key, new Style(decoration: Decoration.Dim)), value);

    private static Text Dim(string text) => new(text, new Style(decoration: Decoration.Dim));
}
