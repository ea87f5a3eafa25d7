using Coordinator.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>
/// A campaign as log lines, for CI logs and scripts: a timestamped line for the campaign and for each
/// region whenever its line changed, notes, and lines written as they are (campaign events).
/// </summary>
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

    public void Note(string line, DateTimeOffset now) => Write($"{Display.Time(now)} {line}");

    /// <summary>A line that carries its own time, such as a campaign event.</summary>
    public void Line(string line) => Write(line);

    private void Emit(string key, string line, DateTimeOffset now)
    {
        if (_last.TryGetValue(key, out var previous) && previous == line)
        {
            return;
        }

        _last[key] = line;
        Note(line, now);
    }

    // Plain text on the underlying writer: reasons carry brackets that markup would misread.
    private void Write(string line)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(line);
        writer.Flush();
    }
}
