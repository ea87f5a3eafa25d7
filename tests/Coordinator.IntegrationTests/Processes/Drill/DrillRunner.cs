using System.Globalization;

namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>
/// Runs a <see cref="RunDescription"/>: starts the silos, registers Blue and Green, runs the fleet,
/// starts the campaign with its faults, waits for the survivors to settle it, and records what the
/// console and the fleet report. Judging the record is the checks' job, not this one's.
/// </summary>
public static class DrillRunner
{
    /// <summary>Console commands asked at once once the campaign settled.</summary>
    private const int AskersAtOnce = 6;

    /// <param name="say">Progress lines; on failure, the processes' output too.</param>
    /// <param name="keepLogs">A folder for every process's output, or null.</param>
    public static async Task<RunRecord> RunAsync(RunDescription description, Action<string> say, string? keepLogs = null)
    {
        await using var run = new LiveRun(description, say);
        try
        {
            return await RunAsync(run);
        }
        catch (Exception)
        {
            foreach (var (_, text) in run.Logs())
            {
                say(text);
            }

            throw;
        }
        finally
        {
            if (keepLogs is not null)
            {
                Directory.CreateDirectory(keepLogs);
                foreach (var (name, text) in run.Logs())
                {
                    await File.WriteAllTextAsync(Path.Combine(keepLogs, name + ".log"), text);
                }
            }
        }
    }

    private static async Task<RunRecord> RunAsync(LiveRun run)
    {
        var d = run.Description;
        RepoLayout.RequireBuilt(d.SiloDll);
        RepoLayout.RequireBuilt(d.ConsoleDll);
        if (d.ConnectionString == Azurite.ConnectionString)
        {
            await Azurite.EnsureReachableAsync();
        }

        var campaignId = d.CampaignId;
        run.Say($"cluster {run.Identity.ClusterId}, service {d.Service}, campaign {campaignId}");

        await StartSilosAsync(run);
        await RegisterArmsAsync(run);
        await StartFleetAsync(run, campaignId);

        // The faults watch the run from the campaign's start; a fault that cannot strike fails the run.
        var faults = d.Faults.Select(f => f.StrikeAsync(run)).ToList();
        try
        {
            var started = await run.Coord.JsonAsync<CampaignReport>("start", "campaign", "start", d.CampaignSpec);
            if (started.State != "running")
            {
                throw new InvalidOperationException($"campaign start answered state '{started.State}', expected running");
            }
        }
        catch (Exception ex)
        {
            run.MarkCampaignStarted(ex);
            throw;
        }

        run.MarkCampaignStarted();

        run.Say($"campaign {campaignId} started");
        var struck = await Task.WhenAll(faults);

        // The fleet follows the campaign over the connection it already has and exits once it settled,
        // so no console process competes with the survivors meanwhile.
        var fleetExit = await run.Fleet.WaitForExitAsync(d.SettleDeadline);
        var campaign = await Poll.UntilAsync(
            () => run.Coord.JsonAsync<CampaignReport>("final", "campaign", "status", d.Service, campaignId),
            _ => true,
            $"`coord campaign status {d.Service} {campaignId}` to answer",
            d.ReadyDeadline,
            errorsMeanNotYet: true,
            attemptTimeout: d.CommandDeadline);
        if (campaign.State is not ("completed" or "rolled_back"))
        {
            throw new InvalidOperationException($"campaign is {campaign.State} after the fleet stopped (fleet exit {fleetExit}): {campaign.Reason}");
        }

        run.Say($"campaign settled {campaign.State}: {string.Join(", ", campaign.Regions.Select(r => $"{r.Region} {r.Outcome}"))}");

        // Independent questions, a few console processes at a time: a dozen starting at once on a busy
        // 2-core machine would each take longer than the lot in small batches. One that could not connect
        // on a loaded machine (exit 4) is asked again.
        using var gate = new SemaphoreSlim(AskersAtOnce);
        Task<Answer<T>> Ask<T>(string name, params string[] arguments)
            where T : class => Answer<T>.OfAsync(async () =>
            {
                await gate.WaitAsync();
                try
                {
                    return await run.Coord.ReadJsonAsync<T>(name, arguments);
                }
                finally
                {
                    gate.Release();
                }
            });

        var fenced = campaign.Regions.Where(r => r.Fences is not null).ToList();
        var hostAfter = Ask<HostReport>("host-after", "campaign", "host", d.Service);
        var audits = d.Regions.ToDictionary(r => r, r => Ask<AuditReport>($"audit-{r}", "audit", d.Service, r, "--verify"));
        var campaignAudit = Ask<AuditReport>("audit-campaigns", "audit", d.Service, "--campaigns", "--verify");
        var leaseAudits = fenced.SelectMany(r => r.Fences!.Writers.Select(w => $"{r.Region}/{w}")).ToDictionary(
            k => k,
            k => Ask<AuditReport>($"audit-{k.Replace('/', '-')}", "audit", d.Service, k.Split('/')[0], "--writer", k.Split('/')[1], "--verify"));
        var consumerAudits = fenced.SelectMany(r => r.Fences!.ConsumerGroups.Select(g => $"{r.Region}/{g}")).ToDictionary(
            k => k,
            k => Ask<AuditReport>($"audit-{k.Replace('/', '-')}", "audit", d.Service, k.Split('/')[0], "--consumer-group", k.Split('/')[1], "--verify"));
        var consumers = fenced.Where(r => r.Fences!.ConsumerGroups.Count > 0).ToDictionary(
            r => r.Region,
            r => Ask<ConsumerGroupsReport>($"consumers-{r.Region}", "consumers", d.Service, r.Region, "--groups", string.Join(',', r.Fences!.ConsumerGroups)));
        await Task.WhenAll([hostAfter, campaignAudit, .. audits.Values, .. leaseAudits.Values, .. consumerAudits.Values, .. consumers.Values]);

        return new RunRecord
        {
            Description = d,
            SiloPorts = [.. run.Silos.Select(s => s.Ports).Distinct()],
            Faults = struck,
            Campaign = campaign,
            HostAfter = await hostAfter,
            Audits = audits.ToDictionary(a => a.Key, a => a.Value.Result),
            CampaignAudit = await campaignAudit,
            LeaseAudits = leaseAudits.ToDictionary(a => a.Key, a => a.Value.Result),
            ConsumerAudits = consumerAudits.ToDictionary(a => a.Key, a => a.Value.Result),
            Consumers = consumers.ToDictionary(c => c.Key, c => c.Value.Result),
            Arms = new[] { "blue", "green" }.ToDictionary(arm => arm, arm => ConsoleJson.Read<ArmManifestReport>(File.ReadAllText(ManifestOf(arm)), arm)),
            FleetExitCode = fleetExit,
            Fleet = ReadFleet(run.Fleet.StandardOutput),
            FleetTail = string.Join(Environment.NewLine, run.Fleet.Output.Split('\n').TakeLast(5)),
            ProcessLogs = [.. run.Logs().Select(l => l.Text)],
        };
    }

    private static async Task StartSilosAsync(LiveRun run)
    {
        var silos = await Task.WhenAll(SiloPorts.Fresh(run.Description.SiloCount).Select((ports, i) => run.StartSiloAsync(i, ports)));
        foreach (var silo in silos)
        {
            run.Say($"{silo.Name}: pid {silo.Process.Id}, silo port {silo.Ports.Silo}, gateway {silo.Ports.Gateway}, http {silo.Ports.Http}");
        }

        run.Say($"all {silos.Length} silos ready (active members, storage answers)");
    }

    private static async Task RegisterArmsAsync(LiveRun run)
    {
        var d = run.Description;

        // Through the HTTP API: registering is the drill's set-up, not what it exercises (the console's own tests
        // cover `arms register`), and eight console processes took about 19 s of every chaos round.
        await Task.WhenAll(d.Regions.SelectMany(region => new[] { "blue", "green" }.Select(arm => run.RegisterArmAsync(region, arm, ManifestOf(arm)))));
        run.Say($"registered Blue and Green in {string.Join(' ', d.Regions)}");
    }

    private static async Task StartFleetAsync(LiveRun run, string campaignId)
    {
        var d = run.Description;

        // After the arms, not alongside: the fleet gives up on arms not registered within a minute.
        var timeout = (int)(d.SettleDeadline + d.HoldDeadline).TotalSeconds;
        var fleet = run.StartFleet(
        [
            "fleet", "--service", d.Service, "--regions", string.Join(',', d.Regions), "--campaign", campaignId,
            "--writer", d.Writer, "--consumer-group", d.ConsumerGroup, "--json", "--timeout", timeout.ToString(CultureInfo.InvariantCulture),
            .. d.Injections.SelectMany(i => new[] { "--inject", i }),
            .. d.Faults.OfType<IOperatorAction>().Any() ? ["--until-ended"] : Array.Empty<string>(),
        ]);
        run.Say($"fleet: pid {fleet.Id}{(d.Injections.Count > 0 ? ", injecting " + string.Join(' ', d.Injections) : string.Empty)}");

        // The campaign starts once the fleet is ready: its Freeze pauses consumer groups the fleet
        // configures, and the hold compares Green with the Blue traffic served before the flip.
        await Poll.UntilAsync(
            () => fleet.HasExited
                ? throw new PollAbortedException($"the fleet exited with {fleet.ExitCode} before it was ready")
                : fleet.Output.Contains("fleet ready:", StringComparison.Ordinal),
            "the fleet to print 'fleet ready:' (every region served a Blue baseline)",
            d.ReadyDeadline);
        run.Say("fleet ready (every region has served a Blue baseline)");
    }

    /// <summary>The manifest the drill registers for <paramref name="arm"/> in every region.</summary>
    private static string ManifestOf(string arm) => Path.Combine(RepoLayout.Root, "infra", "examples", arm + ".json");

    private static FleetReport? ReadFleet(string json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? null : ConsoleJson.Read<FleetReport>(json, "fleet");
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
