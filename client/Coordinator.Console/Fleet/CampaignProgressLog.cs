using Coordinator.Campaigns;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Fleet;

/// <summary>A timestamped line per change of the campaign or one of its regions, for logs and scripts.</summary>
public sealed class CampaignProgressLog(IAnsiConsole console)
{
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

    public void Print(CampaignStatus status, DateTimeOffset now)
    {
        foreach (var region in status.Regions)
        {
            Emit("region:" + region.Region, CampaignStatusView.RegionLine(region), now);
        }

        Emit("campaign", CampaignStatusView.Summary(status), now);
    }

    public void Note(string line, DateTimeOffset now) => Write(line, now);

    private void Emit(string key, string line, DateTimeOffset now)
    {
        if (_last.TryGetValue(key, out var previous) && previous == line)
        {
            return;
        }

        _last[key] = line;
        Write(line, now);
    }

    // Plain text on the underlying writer: reasons carry brackets that markup would misread.
    private void Write(string line, DateTimeOffset now)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine($"{Display.Time(now)} {line}");
        writer.Flush();
    }
}
