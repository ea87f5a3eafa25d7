using Coordinator.Campaigns;
using Coordinator.Console.Commands.Campaigns;

namespace Coordinator.Console.Commands.Demo;

/// <summary>The demo's campaign spec, infra/campaigns/demo.json (copied next to the console when it is built).</summary>
public static class DemoCampaign
{
    public const string RelativePath = "infra/campaigns/demo.json";

    /// <summary>The build's copy first, then the repository's file above the working directory.</summary>
    public static string Locate()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json");
        if (File.Exists(copy))
        {
            return copy;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{RelativePath} was not found next to the console or above {Directory.GetCurrentDirectory()}", RelativePath);
    }

    /// <exception cref="App.UsageException">The spec is invalid.</exception>
    public static CampaignSpec Read()
    {
        return CampaignSpecFile.Load(Locate()).Require();
    }
}
