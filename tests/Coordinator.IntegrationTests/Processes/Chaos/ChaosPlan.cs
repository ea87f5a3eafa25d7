using System.Globalization;
using System.Text.Json.Nodes;
using Coordinator.IntegrationTests.Processes.Drill;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>
/// One chaos round, drawn from (seed, round) alone so a failure replays: a campaign with random
/// waves and holds, sometimes an injected degradation (a rollback is then expected), and random
/// faults at random moments. Every round kills at least one silo; sometimes all but one at once.
/// </summary>
public sealed record ChaosPlan(int Seed, int Round, IReadOnlyList<IReadOnlyList<string>> Waves, IReadOnlyList<int> HoldSeconds, RunDescription Description)
{
    /// <summary>One round in three injects a coverage drop the gate must catch.</summary>
    private const int InjectOneIn = 3;

    /// <summary>One round in three kills all silos but one at the same moment instead of one after another.</summary>
    private const int TogetherOneIn = 3;

    public static ChaosPlan Draw(int seed, int round, OwnedAzurite storage, string folder)
    {
        // Not HashCode: it is salted per process, and a round must replay.
        var random = new Random(unchecked((seed * 1_000_003) + round));
        var baseline = RunDescription.Standard();
        var regions = baseline.Regions.OrderBy(_ => random.Next()).ToList();

        // 2 or 3 waves, each at least one region, in a random order.
        var waveCount = random.Next(2, 4);
        var cuts = Enumerable.Range(1, regions.Count - 1).OrderBy(_ => random.Next()).Take(waveCount - 1).Order().ToList();
        var waves = new List<IReadOnlyList<string>>();
        var from = 0;
        foreach (var cut in cuts.Append(regions.Count))
        {
            waves.Add(regions[from..cut]);
            from = cut;
        }

        var holds = waves.Select(_ => random.Next(3, 11)).ToList();
        var injections = random.Next(InjectOneIn) == 0 ? new[] { $"{waves[^1][0]}:coverage=0.55" } : [];

        // First silos killed: one, two in a row, or two at once (one survivor); then sometimes a storage
        // freeze, the fleet frozen, the fleet's connections cut, an operator's pause.
        var first = random.Next(baseline.SiloCount);
        var after = TimeSpan.FromSeconds(random.Next(2, 16));
        var faults = new List<IFault>
        {
            random.Next(TogetherOneIn) == 0
                ? new KillSilosTogether(after, first, Count: baseline.SiloCount - 1, Down: TimeSpan.FromSeconds(random.Next(2, 9)))
                : new KillAndRestartSilos(after, first, Count: random.Next(1, 3)),
        };
        if (random.Next(2) == 0)
        {
            faults.Add(new FreezeStorage(storage, TimeSpan.FromSeconds(random.Next(2, 21)), TimeSpan.FromSeconds(random.Next(10, 31))));
        }

        if (random.Next(3) == 0)
        {
            faults.Add(new PauseFleet(TimeSpan.FromSeconds(random.Next(2, 21)), TimeSpan.FromSeconds(random.Next(5, 11))));
        }

        if (random.Next(3) == 0)
        {
            faults.Add(new CutFleetConnections(TimeSpan.FromSeconds(random.Next(2, 21)), TimeSpan.FromSeconds(random.Next(3, 11))));
        }

        if (random.Next(4) == 0)
        {
            faults.Add(new PauseCampaign(TimeSpan.FromSeconds(random.Next(2, 21)), TimeSpan.FromSeconds(random.Next(2, 7))));
        }

        // Not a fault: the round's on-call operator, who aborts a campaign that waits for one (a hold without evidence).
        faults.Add(new AbortWhenWaiting());

        var campaignId = $"rag-api-chaos-{seed}-{round}";
        var spec = Path.Combine(folder, $"{campaignId}.json");
        File.WriteAllText(spec, Spec(baseline.CampaignSpec, campaignId, waves, holds));
        var description = baseline with
        {
            CampaignSpec = spec,
            ConnectionString = storage.ConnectionString,
            Injections = injections,
            Faults = faults,
        };
        return new ChaosPlan(seed, round, waves, holds, description);
    }

    /// <summary>What a failed round's reader needs to replay it.</summary>
    public override string ToString() =>
        $"seed {Seed} round {Round}: waves {string.Join(" | ", Waves.Select((w, i) => $"{string.Join(',', w)} hold {HoldSeconds[i]}s"))}; "
        + $"inject {(Description.Injections.Count > 0 ? string.Join(' ', Description.Injections) : "nothing")}; "
        + $"faults {string.Join("; ", InjectedFaults)}";

    /// <summary>The faults drawn, without the operator who watches every round.</summary>
    public IReadOnlyList<IFault> InjectedFaults => [.. Description.Faults.Where(f => f is not IOperatorAction)];

    private static string Spec(string template, string campaignId, IReadOnlyList<IReadOnlyList<string>> waves, IReadOnlyList<int> holds)
    {
        var spec = JsonNode.Parse(File.ReadAllText(template))!.AsObject();
        spec["campaign_id"] = campaignId;
        spec["reason"] = "infra/chaos.sh: a random campaign under random faults";
        var array = new JsonArray();
        for (var i = 0; i < waves.Count; i++)
        {
            array.Add(new JsonObject
            {
                ["name"] = $"wave-{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                ["regions"] = new JsonArray([.. waves[i].Select(r => (JsonNode)JsonValue.Create(r))]),
                ["hold_seconds"] = holds[i],
            });
        }

        spec["waves"] = array;
        return spec.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
