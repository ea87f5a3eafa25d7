using System.Text.Json;

namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>
/// One multi-process drill: how many silo processes, which campaign over which regions, what the
/// simulated fleet injects, and which faults strike while it runs. Records, so a new drill is a
/// `with` away from <see cref="Standard"/>.
/// </summary>
public sealed record RunDescription
{
    public int SiloCount { get; init; } = 3;

    public string Service { get; init; } = "rag-api";

    public IReadOnlyList<string> Regions { get; init; } = ["eu-west", "us-east", "us-west", "ap-south"];

    public string Writer { get; init; } = "indexer";

    public string ConsumerGroup { get; init; } = "webhooks";

    /// <summary>The campaign spec `coord campaign start` is given.</summary>
    public string CampaignSpec { get; init; } = Path.Combine(RepoLayout.Root, "infra", "campaigns", "multiprocess.json");

    /// <summary>`--inject REGION:METRIC=VALUE` for the fleet; any injection means the campaign must roll back.</summary>
    public IReadOnlyList<string> Injections { get; init; } = [];

    /// <summary>What strikes while the campaign runs; each starts as the campaign starts.</summary>
    public IReadOnlyList<IFault> Faults { get; init; } = [];

    public string SiloDll { get; init; } = RepoLayout.SiloDll;

    public string ConsoleDll { get; init; } = RepoLayout.ConsoleDll;

    public string ConnectionString { get; init; } = Azurite.ConnectionString;

    /// <summary>How long the survivors get to finish the campaign after the faults.</summary>
    public TimeSpan SettleDeadline { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>For silos to answer ready, the fleet to be ready, and a status read to succeed.</summary>
    public TimeSpan ReadyDeadline { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>For the first wave to reach its hold (and the cutover grain's host to be named).</summary>
    public TimeSpan HoldDeadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>For one console command, connecting included, on a busy machine.</summary>
    public TimeSpan CommandDeadline { get; init; } = TimeSpan.FromSeconds(90);

    public bool ExpectsRollback => Injections.Count > 0;

    public string CampaignId => JsonDocument.Parse(File.ReadAllText(CampaignSpec)).RootElement.GetProperty("campaign_id").GetString()
        ?? throw new InvalidOperationException($"{CampaignSpec} has no campaign_id");

    /// <summary>The drill the README describes: 3 silos, the cutover grain's host SIGKILLed during eu-west's hold.</summary>
    public static RunDescription Standard(params string[] injections) => new()
    {
        Injections = injections,
        Faults = [new KillCutoverHostDuringHold("eu-west", Wave: 1)],
    };
}
