namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>A console answer, or why there is none (the checks report it rather than the run throwing).</summary>
public sealed record Answer<T>(T? Value, string? Error)
    where T : class
{
    public static async Task<Answer<T>> OfAsync(Func<Task<T>> read)
    {
        try
        {
            return new Answer<T>(await read(), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.Text.Json.JsonException)
        {
            return new Answer<T>(null, ex.Message);
        }
    }
}

/// <summary>Everything a finished drill observed; the checks judge it and nothing else.</summary>
public sealed record RunRecord
{
    public required RunDescription Description { get; init; }

    /// <summary>The silo ports of every silo started, killed ones included.</summary>
    public required IReadOnlyList<SiloPorts> SiloPorts { get; init; }

    public required IReadOnlyList<FaultRecord> Faults { get; init; }

    /// <summary>`coord campaign status --json` once the fleet saw the campaign settle.</summary>
    public required CampaignReport Campaign { get; init; }

    /// <summary>`coord campaign host --json` after the faults.</summary>
    public required Answer<HostReport> HostAfter { get; init; }

    /// <summary>`coord audit SERVICE REGION --verify --json` per region.</summary>
    public required IReadOnlyDictionary<string, Answer<AuditReport>> Audits { get; init; }

    /// <summary>`coord audit SERVICE --campaigns --verify --json`: the service's campaign commands.</summary>
    public required Answer<AuditReport> CampaignAudit { get; init; }

    /// <summary>`coord audit SERVICE REGION --writer W --verify --json` per writer the campaign froze, keyed "region/writer".</summary>
    public required IReadOnlyDictionary<string, Answer<AuditReport>> LeaseAudits { get; init; }

    /// <summary>`coord audit SERVICE REGION --consumer-group G --verify --json` per consumer group the campaign paused, keyed "region/group".</summary>
    public required IReadOnlyDictionary<string, Answer<AuditReport>> ConsumerAudits { get; init; }

    /// <summary>`coord consumers SERVICE REGION --groups ... --json` per region, for the groups the campaign paused.</summary>
    public required IReadOnlyDictionary<string, Answer<ConsumerGroupsReport>> Consumers { get; init; }

    /// <summary>The manifests the drill registered, by arm ("blue", "green").</summary>
    public required IReadOnlyDictionary<string, ArmManifestReport> Arms { get; init; }

    public required int FleetExitCode { get; init; }

    /// <summary>The fleet's `--json` summary, or null when it printed none.</summary>
    public required FleetReport? Fleet { get; init; }

    /// <summary>The last lines the fleet printed, for messages.</summary>
    public required string FleetTail { get; init; }

    /// <summary>What every process printed, one block each, for a failed check's investigation.</summary>
    public required IReadOnlyList<string> ProcessLogs { get; init; }
}
