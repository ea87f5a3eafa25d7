using Coordinator.Fences;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>One row per writer lease: who holds it with which token, until when, and whether a campaign froze it.</summary>
public static class LeaseTable
{
    public const string NeverAcquired = "(never acquired)";
    public const string NotHeld = "(not held)";

    public static Table Render(string service, string region, IEnumerable<LeaseStatus> leases, DateTimeOffset now)
    {
        var table = new Table()
            .Title($"{service}/{region}: writer leases")
            .AddColumn("Writer")
            .AddColumn("Holder")
            .AddColumn(new TableColumn("Token").RightAligned())
            .AddColumn(new TableColumn("Epoch").RightAligned())
            .AddColumn("INDEX_HASH")
            .AddColumn("Expires (UTC)")
            .AddColumn(new TableColumn("Latest token").RightAligned())
            .AddColumn("Frozen by")
            .AddColumn("Pinned INDEX_HASH")
            .AddColumn(new TableColumn("Grants").RightAligned())
            .AddColumn(new TableColumn("Rejections").RightAligned());

        foreach (var lease in leases)
        {
            var holder = lease.Holder;
            table.AddRow(
                new Text(lease.Writer),
                holder is null ? Dim(lease.Grants == 0 ? NeverAcquired : NotHeld) : new Text(holder.HolderId),
                new Text(holder is null ? "-" : Display.Number(holder.FencingToken)),
                new Text(holder is null ? "-" : Display.Number(holder.Epoch)),
                new Text(holder?.IndexHash ?? "-"),
                Expiry(holder, now),
                new Text(Display.Number(lease.LatestFencingToken)),
                lease.FrozenBy is { } campaign ? new Markup($"[yellow]{Markup.Escape(campaign)}[/]") : new Text("-"),
                new Text(Display.OrDash(lease.PinnedIndexHash)),
                new Text(Display.Number(lease.Grants)),
                new Text(Display.Number(lease.Rejections)));
        }

        return table;
    }

    private static Text Expiry(LeaseToken? holder, DateTimeOffset now) => holder is null
        ? new Text("-")
        : holder.ExpiresAt > now
            ? new Text($"{Display.Time(holder.ExpiresAt)} ({Display.Until(holder.ExpiresAt, now)})")
            : new Text($"{Display.Time(holder.ExpiresAt)} (expired)", new Style(Color.Red));

    private static Text Dim(string text) => new(text, new Style(decoration: Decoration.Dim));
}
