using Coordinator.Benchmarks.Campaigns;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.EdgeProxy;
using Coordinator.Benchmarks.Failover;
using Coordinator.Benchmarks.Fences;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Benchmarks.Peer;
using Coordinator.Benchmarks.Reporting;
using Coordinator.Benchmarks.Scale;
using Coordinator.Benchmarks.Warm;
using Coordinator.Client;
using Coordinator.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Benchmarks;

/// <summary>
/// Runs the selected figures: first against an embedded silo (child process), then against an
/// azure-mode silo on Azurite, and reports. A figure that throws is reported as an error and the
/// others still run. Progress goes to <paramref name="progress"/> (stderr), the report to stdout.
/// </summary>
internal sealed class BenchRun(BenchOptions options, TextWriter progress)
{
    private static readonly string[] EmbeddedGroups = ["cached", "guard", "reads", "http", "edge", "renewals", "commits", "flips", "propagation", "campaigns"];

    /// <summary>The Azurite groups measured through one azure-mode child silo.</summary>
    private static readonly string[] ChildSiloAzureGroups = ["azure", "fences-azure", "propagation-azure", "campaigns-azure"];

    private readonly BenchProfile _profile = BenchProfile.For(options.Quick);
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];

    private int LedgerKeys => options.LedgerKeys ?? (options.Quick ? BenchOptions.QuickLedgerKeys : BenchOptions.FullLedgerKeys);

    /// <summary>Figures 6-7: like figure 2, rounds after a warm-up that waits for a steady rate.</summary>
    private LoadShape EmbeddedFenceLoad => new(_profile.Warmup, _profile.SettleLimit, _profile.ReadWindow, _profile.ReadRounds);

    /// <summary>Figure 8: storage-bound, one longer window after a plain warm-up, like figures 3c-d.</summary>
    private LoadShape AzureFenceLoad => new(_profile.Warmup, TimeSpan.Zero, _profile.AzureWindow, 1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Capture(_profile.Name);
        var logDirectory = Path.Combine(Path.GetTempPath(), $"coordinator-bench-{_runId}");
        Directory.CreateDirectory(logDirectory);
        Seed.ForRun(_runId);
        Say($"run {_runId}, {_profile.Name} profile; silo and BenchmarkDotNet logs in {logDirectory}");

        string? azureProblem = null;
        if (options.RunsAzure)
        {
            azureProblem = await AzuriteProbe.WhyUnreachableAsync(options.AzureConnectionString, cancellationToken);
            if (azureProblem is not null)
            {
                Say($"Azurite is not reachable ({azureProblem}).");
                Say("  Start it first: infra/azurite.sh, or by hand as in shared/TOOLCHAIN.md (node .../azurite.js --disableTelemetry ...).");
                if (options.RequireAzurite)
                {
                    Say("  --azurite was given: stopping.");
                    return 3;
                }

                Say($"  The Azurite figures ({string.Join(", ", AzureEntries().Select(e => e.Id))}) will be SKIPPED; pass --azurite to make this an error.");
            }
        }

        string? etcdBinary = null;
        if (options.Peer is not null)
        {
            etcdBinary = EtcdServer.Find();
            if (etcdBinary is null)
            {
                var why = await EtcdServer.InstallAsync(Say, cancellationToken);
                etcdBinary = EtcdServer.Find();
                if (why is not null || etcdBinary is null)
                {
                    Say($"--peer etcd: {why ?? "no etcd binary on PATH"}; stopping.");
                    return 3;
                }
            }
        }

        using var logging = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var results = new List<FigureResult>();
        if (options.Runs("ledger"))
        {
            Say("figures 11a-c: idempotency ledger capacity, memory and look-up (in-process)");
            results.AddRange(await Guard([Catalog.LedgerKeys, Catalog.LedgerMemory, Catalog.LedgerLookup], () => Task.FromResult(LedgerFigure.Run(_profile, Say))));
        }

        if (options.Runs("audit"))
        {
            Say($"figures 14a-d: audit chain appends and verification of {AuditFigure.ChainLength:N0} entries, unkeyed and keyed (in-process)");
            results.AddRange(await Guard(
                [Catalog.AuditAppendUnkeyed, Catalog.AuditAppendKeyed, Catalog.AuditVerifyUnkeyed, Catalog.AuditVerifyKeyed],
                () => Task.FromResult(AuditFigure.Run(_profile, Say))));
        }

        if (options.Runs("evaluator"))
        {
            Say("figures 17a-d: the Warm evaluator over the shipped gold set against a real Green arm (MiniLM, in-process)");
            results.AddRange(await Guard(Catalog.EvaluatorFigures, () => EvaluatorFigure.RunAsync(_profile, Say, cancellationToken)));
        }

        if (options.Runs("scale"))
        {
            results.AddRange(await ScaleAsync(StorageMode.Embedded, Catalog.ScaleFigures(_profile), logging, cancellationToken));
        }

        if (EmbeddedGroups.Any(options.Runs))
        {
            results.AddRange(await EmbeddedAsync(logDirectory, logging, cancellationToken));
        }

        if (options.RunsAzure)
        {
            if (azureProblem is not null)
            {
                results.AddRange(AzureEntries().Select(e => Skip(e, azureProblem)));
            }
            else
            {
                if (ChildSiloAzureGroups.Any(options.Runs))
                {
                    results.AddRange(await AzureAsync(logDirectory, logging, cancellationToken));
                }

                if (options.Runs("ledger-azure"))
                {
                    var keys = LedgerKeys;
                    Say($"figures 13a-c: activation of a consumer pointer holding {keys:N0} keys in sealed segments (Azurite, silo in this process)");
                    var spec = SiloSpec.Create(StorageMode.Azure, _runId + "-la", options.AzureConnectionString, null);
                    results.AddRange(await Guard(LedgerAzureEntries(), () => LedgerActivationFigure.RunAsync(spec, keys, Say, cancellationToken)));
                }

                if (options.Runs("scale-azure"))
                {
                    results.AddRange(await ScaleAsync(StorageMode.Azure, Catalog.ScaleAzureFigures(_profile), logging, cancellationToken));
                }

                if (options.Runs("failover"))
                {
                    var kills = options.Quick ? 3 : Catalog.FailoverKills;
                    Say($"figure 12: failover, {kills} SIGKILLs of the silo hosting a region among {Catalog.FailoverSilos} silo processes (Azurite)");
                    var spec = SiloSpec.Create(StorageMode.Azure, _runId + "-fo", options.AzureConnectionString, options.StreamPollMs);
                    results.AddRange(await Guard([Catalog.Failover], async () => [await FailoverFigure.RunAsync(
                        spec, logDirectory, logging, kills, Say, cancellationToken)]));
                }
            }
        }

        if (etcdBinary is not null)
        {
            results.AddRange(await PeerAsync(etcdBinary, logDirectory, cancellationToken));
            PeerTargets.Apply(results);
        }

        IReadOnlyList<string> overrides = options.StreamPollMs is { } poll
            ? [$"EXPERIMENT: silo stream polling period {poll} ms instead of the product's (2 ms embedded, Orleans default 100 ms azure)"]
            : [];
        var report = new BenchReport(machine with { LoadAverageAtEnd = MachineInfo.LoadAverage() }, results, logDirectory, overrides);
        if (options.Json)
        {
            JsonReport.Write(report, Console.Out);
        }
        else
        {
            ConsoleReport.Write(report, Console.Out);
            if (etcdBinary is not null)
            {
                PeerReport.Write(PeerTable.Build(results), Console.Out);
            }
        }

        return report.ExitCode;
    }

    private async Task<List<FigureResult>> EmbeddedAsync(string logDirectory, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var results = new List<FigureResult>();
        var spec = SiloSpec.Create(StorageMode.Embedded, _runId, null, options.StreamPollMs);
        var entries = EmbeddedEntries();
        Say($"starting an embedded silo (child process, gateway 127.0.0.1:{spec.GatewayPort})");
        SiloProcess silo;
        ClusterConnection connection;
        try
        {
            silo = await SiloProcess.StartAsync(spec, logDirectory, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return entries.Select(e => FigureResult.Failed(e.Id, e.Title, e.Unit, e.Target, ex)).ToList();
        }

        await using (silo)
        {
            try
            {
                connection = await ClusterConnection.ConnectAsync(spec.ClientOptions(), logging, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return entries.Select(e => FigureResult.Failed(e.Id, e.Title, e.Unit, e.Target, ex)).ToList();
            }

            await using (connection)
            {
                var client = connection.Client;
                var cpu = new CpuMeter([("benchmark", Environment.ProcessId), ("silo", silo.ProcessId)], () => RuntimeTotals.Current + silo.Runtime);
                if (options.Runs("cached"))
                {
                    Say("figure 1: cached reads (BenchmarkDotNet, in-process)");
                    results.AddRange(await Guard([Catalog.CachedRead], async () => [await CachedAsync(client, logDirectory)]));
                }

                if (options.Runs("guard"))
                {
                    Say("figure 5: lease token checks through the SDK sink guard (BenchmarkDotNet, in-process)");
                    results.AddRange(await Guard([Catalog.GuardCheck], async () => [await GuardFigure.RunAsync(client, _profile, logDirectory)]));
                }

                if (options.Runs("reads"))
                {
                    Say($"figure 2: uncached reads over TCP ({Catalog.ReadCallers} callers, {_profile.ReadRounds} x {_profile.ReadWindow.TotalSeconds:0.#} s)");
                    results.AddRange(await Guard([Catalog.UncachedRead, Catalog.UncachedReadSingle], () => UncachedReadFigure.RunAsync(client, _profile, cpu)));
                }

                if (options.Runs("http"))
                {
                    Say($"figures 15a-b: GET active over HTTP/1.1 ({Catalog.ReadCallers} callers, {_profile.ReadRounds} x {_profile.ReadWindow.TotalSeconds:0.#} s), then with If-None-Match (304)");
                    results.AddRange(await Guard([Catalog.HttpActive, Catalog.HttpNotModified], () => HttpReadFigure.RunAsync(client, spec, _profile, cpu)));
                    Say($"figure 15c: flip -> {SsePropagationFigure.Subscribers} SSE subscribers ({_profile.PropagationFlips} flips)");
                    results.AddRange(await Guard([Catalog.SsePropagation], async () => [await SsePropagationFigure.RunAsync(client, spec, _profile.PropagationFlips, cpu, cancellationToken)]));
                }

                if (options.Runs("edge"))
                {
                    results.AddRange(await EdgeAsync(client, cpu, cancellationToken));
                }

                if (options.Runs("renewals"))
                {
                    Say($"figure 6: lease renewals over TCP ({Catalog.FenceCallers} writers, {_profile.ReadRounds} x {_profile.ReadWindow.TotalSeconds:0.#} s after a warm-up of up to {_profile.SettleLimit.TotalSeconds:0} s)");
                    results.AddRange(await Guard([Catalog.EmbeddedRenewals], async () => [await LeaseRenewalFigure.RunAsync(
                        client, "emb", Catalog.EmbeddedRenewals, EmbeddedFenceLoad, cpu)]));
                    if (options.Peer is not null)
                    {
                        Say($"figure 6p: lease acquire over TCP ({Catalog.FenceCallers} in flight, each on a free lease)");
                        results.AddRange(await Guard([PeerCatalog.EmbeddedAcquire], async () => [await LeaseAcquireFigure.RunAsync(
                            client, "emb", PeerCatalog.EmbeddedAcquire, EmbeddedFenceLoad, cpu)]));
                    }
                }

                if (options.Runs("commits"))
                {
                    Say($"figure 7: consumer-pointer commits over TCP ({Catalog.FenceCallers} callers on one pointer, then on {Catalog.FenceCallers} pointers; {_profile.ReadRounds} x {_profile.ReadWindow.TotalSeconds:0.#} s each)");
                    results.AddRange(await Guard([Catalog.EmbeddedCommits, Catalog.EmbeddedCommitsPerPointer], () => CommitFigure.RunAsync(
                        client, "emb", Catalog.EmbeddedCommits, Catalog.EmbeddedCommitsPerPointer, EmbeddedFenceLoad, cpu)));
                }

                if (options.Runs("flips"))
                {
                    Say("figure 3: flips on embedded storage (sequential, then concurrent)");
                    results.AddRange(await Guard([Catalog.EmbeddedSequentialFlips, Catalog.EmbeddedConcurrentFlips], () => FlipThroughputFigure.RunAsync(
                        client, "emb", Catalog.EmbeddedSequentialFlips, Catalog.EmbeddedConcurrentFlips, _profile.Warmup, _profile.Window, _profile.MaxSequentialFlips, cpu)));
                }

                if (options.Runs("propagation"))
                {
                    if (options.Peer is not null)
                    {
                        Say($"figure 4r: one grain read over TCP after a 0-100 ms pause ({_profile.PropagationFlips} rounds; beside etcd's get after the same pause)");
                        results.AddRange(await Guard([PeerCatalog.IdleRoundTrip], async () =>
                        {
                            await Seed.RegisterAsync(client, ["idle-000"]);
                            var pointer = Seed.Pointer(client, "idle-000");
                            return [await IdleRoundTrip.RunAsync(
                                PeerCatalog.IdleRoundTrip, () => pointer.GetActiveArmAsync(), "one GetActiveArmAsync to a registered region's pointer over the gateway", _profile.PropagationFlips, cpu, cancellationToken)];
                        }));
                    }

                    var clients = options.PropagationClients ?? options.Resolvers;
                    Say($"figure 4: flip propagation to {options.Resolvers} resolvers on {clients} clients ({_profile.PropagationFlips} flips)");
                    results.AddRange(await Guard([Catalog.Propagation(options.Resolvers)], async () =>
                        [await PropagationFigure.RunAsync(Catalog.Propagation(options.Resolvers), spec, client, logging, options.Resolvers, clients, _profile.PropagationFlips, cpu, progress, cancellationToken)]));
                    if (options.Peer is not null)
                    {
                        var one = PeerCatalog.PropagationOneClient(options.Resolvers);
                        Say($"figure 4p: the same on 1 client ({_profile.PropagationFlips} flips; beside etcd's watches on one client)");
                        results.AddRange(await Guard([one], async () =>
                        {
                            var measured = await PropagationFigure.RunAsync(one, spec, client, logging, options.Resolvers, 1, _profile.PropagationFlips, cpu, progress, cancellationToken);
                            return [measured with { Id = one.Id, Title = one.Title, Target = null, Verdict = measured.Verdict == Verdict.Error ? Verdict.Error : Verdict.NoTarget }];
                        }));
                    }
                }

                if (options.Runs("campaigns"))
                {
                    results.AddRange(await CampaignsAsync(client, "emb", [Catalog.EmbeddedRollbackWall, Catalog.EmbeddedRollbackOwn, Catalog.EmbeddedOverhead, Catalog.EmbeddedOverheadWaves], cpu, cancellationToken));
                }
            }
        }

        return results;
    }

    private async Task<IReadOnlyList<FigureResult>> AzureAsync(string logDirectory, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var entries = AzureEntries().Where(e => e != Catalog.Failover && !LedgerAzureEntries().Any(l => l.Id == e.Id) && !Catalog.ScaleAzureFigures(_profile).Contains(e)).ToList();
        return await Guard(entries, async () =>
        {
            var results = new List<FigureResult>();
            var spec = SiloSpec.Create(StorageMode.Azure, _runId, options.AzureConnectionString, options.StreamPollMs);
            Say($"starting an azure-mode silo on Azurite (child process, gateway 127.0.0.1:{spec.GatewayPort})");
            await using var silo = await SiloProcess.StartAsync(spec, logDirectory, cancellationToken);
            await using var connection = await ClusterConnection.ConnectAsync(spec.ClientOptions(), logging, cancellationToken);
            var client = connection.Client;
            var cpu = new CpuMeter([("benchmark", Environment.ProcessId), ("silo", silo.ProcessId)], () => RuntimeTotals.Current + silo.Runtime);
            if (options.Runs("azure"))
            {
                Say($"figure 3: flips on Azurite storage (sequential, then concurrent; {_profile.AzureWindow.TotalSeconds:0.#} s each)");
                results.AddRange(await Guard([Catalog.AzureSequentialFlips, Catalog.AzureConcurrentFlips], () => FlipThroughputFigure.RunAsync(
                    client, "az", Catalog.AzureSequentialFlips, Catalog.AzureConcurrentFlips, _profile.Warmup, _profile.AzureWindow, _profile.MaxSequentialFlips, cpu)));
            }

            if (options.Runs("fences-azure"))
            {
                Say($"figure 8: lease renewals and commits on Azurite storage ({_profile.AzureWindow.TotalSeconds:0.#} s each)");
                results.AddRange(await Guard([Catalog.AzureRenewals], async () => [await LeaseRenewalFigure.RunAsync(
                    client, "az", Catalog.AzureRenewals, AzureFenceLoad, cpu)]));
                if (options.Peer is not null)
                {
                    results.AddRange(await Guard([PeerCatalog.AzureAcquire], async () => [await LeaseAcquireFigure.RunAsync(
                        client, "az", PeerCatalog.AzureAcquire, AzureFenceLoad, cpu)]));
                }

                results.AddRange(await Guard([Catalog.AzureCommits, Catalog.AzureCommitsPerPointer], () => CommitFigure.RunAsync(
                    client, "az", Catalog.AzureCommits, Catalog.AzureCommitsPerPointer, AzureFenceLoad, cpu)));
            }

            if (options.Runs("propagation-azure"))
            {
                var entry = Catalog.PropagationAzure(options.Resolvers);
                var clients = options.PropagationClients ?? options.Resolvers;
                Say($"figure 4z: flip propagation to {options.Resolvers} resolvers on {clients} clients, Azurite storage ({_profile.PropagationFlips} flips)");
                results.AddRange(await Guard([entry], async () =>
                    [await PropagationFigure.RunAsync(entry, spec, client, logging, options.Resolvers, clients, _profile.PropagationFlips, cpu, progress, cancellationToken)]));
            }

            if (options.Runs("campaigns-azure"))
            {
                results.AddRange(await CampaignsAsync(client, "az", [Catalog.AzureRollbackWall, Catalog.AzureRollbackOwn, Catalog.AzureOverhead, Catalog.AzureOverheadWaves], cpu, cancellationToken));
            }

            return results;
        });
    }

    /// <summary>Figures 16a-d: real arms and an edge in this process, in front of the embedded silo child.</summary>
    private async Task<List<FigureResult>> EdgeAsync(IClusterClient client, CpuMeter cpu, CancellationToken cancellationToken)
    {
        Say($"figures 16a-d: the edge (YARP, in this process) in front of real Blue and Green arms; {Catalog.EdgeCallers} callers");
        EdgeStage stage;
        try
        {
            stage = await EdgeStage.StartAsync(client, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Say($"  failed: {ex}");
            return [.. Catalog.EdgeFigures.Select(e => FigureResult.Failed(e.Id, e.Title, e.Unit, e.Target, ex))];
        }

        var results = new List<FigureResult>();
        await using (stage)
        {
            Say($"figures 16a, 16d: direct to the arm vs via the edge, POST /ask then GET /healthz ({_profile.ReadRounds} x {_profile.ReadWindow.TotalSeconds:0.#} s each side)");
            results.AddRange(await Guard([Catalog.EdgeOverhead, Catalog.EdgeOverheadTrivial], () => ProxyOverheadFigure.RunAsync(stage, _profile, cpu)));
            Say($"figures 16b-c: {_profile.EdgeFlips} flips under {Catalog.EdgeCallers} callers through the edge");
            results.AddRange(await Guard([Catalog.EdgeFlipServed, Catalog.EdgeFlipFailures], () => EdgeFlipFigure.RunAsync(stage, _profile.EdgeFlips, cpu, cancellationToken)));
        }

        return [.. results.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Figures 18a-h (embedded) or 18i-l (Azurite): how cost grows with the work, on a silo in this
    /// process (so one heap holds the silo and its clients); the clients reach it over TCP like any other.
    /// The resolver and campaign figures run on embedded storage only.
    /// </summary>
    private async Task<List<FigureResult>> ScaleAsync(string storageMode, IReadOnlyList<Catalog.Entry> entries, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var steps = _profile.ScaleSteps;
        var azure = storageMode == StorageMode.Azure;
        var spec = SiloSpec.Create(storageMode, _runId + (azure ? "-sa" : "-sc"), azure ? options.AzureConnectionString : null, options.StreamPollMs);
        Say($"figures {entries[0].Id}-{entries[^1].Id}: scale, pointers registered in steps of {string.Join(", ", steps.Select(n => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} ({storageMode}, silo in this process, gateway 127.0.0.1:{spec.GatewayPort})");
        var results = new List<FigureResult>();
        InProcessSilo silo;
        ClusterConnection connection;
        try
        {
            silo = await InProcessSilo.StartAsync(spec, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return [.. entries.Select(e => FigureResult.Failed(e.Id, e.Title, e.Unit, e.Target, ex))];
        }

        await using (silo)
        {
            try
            {
                connection = await ClusterConnection.ConnectAsync(spec.ClientOptions(), logging, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return [.. entries.Select(e => FigureResult.Failed(e.Id, e.Title, e.Unit, e.Target, ex))];
            }

            await using (connection)
            {
                var client = connection.Client;
                var cpu = new CpuMeter([("benchmark+silo", Environment.ProcessId)], () => RuntimeTotals.Current);
                IReadOnlyList<PointerKey> pointers = [];
                results.AddRange(await Guard(entries.Take(4).ToList(), async () =>
                {
                    var (figures, registered) = await PointerScaleFigure.RunAsync(silo, client, entries, steps, _profile.ScaleColdSample, cpu, Say, cancellationToken);
                    pointers = registered;
                    return figures;
                }));
                if (azure)
                {
                    return results;
                }

                Say($"figures 18e-g: one resolver subscribed to {_profile.ScaleResolverRegions:N0} regions, {_profile.ScaleResolverFlips} flips among them");
                results.AddRange(await Guard(entries.Skip(4).Take(3).ToList(), async () =>
                {
                    var regions = pointers.Count >= _profile.ScaleResolverRegions
                        ? pointers.Take(_profile.ScaleResolverRegions).ToList()
                        : throw new InvalidOperationException($"{pointers.Count:N0} pointers registered, fewer than the resolver's {_profile.ScaleResolverRegions:N0} regions");
                    return await ResolverScaleFigure.RunAsync(spec, client, logging, regions, _profile.ScaleResolverFlips, cpu, Say, cancellationToken);
                }));

                Say($"figure 18h: a campaign over {_profile.ScaleCampaignRegions} regions in {Catalog.ScaleWaves} waves, hold 0, beside the {pointers.Count:N0} pointers ({_profile.CampaignRuns} run(s))");
                results.AddRange(await Guard([entries[7]], async () => [await CampaignFigures.OverheadAsync(
                    client, "sc", entries[7], Catalog.ScaleWaves, _profile.CampaignRuns, cpu, Say, cancellationToken, _profile.ScaleCampaignRegions)]));
            }
        }

        return results;
    }

    /// <summary>Figures 9 and 10 (or 9c-d and 10c-d): entries are rollback wall, rollback own, overhead in one wave, overhead in several.</summary>
    private async Task<List<FigureResult>> CampaignsAsync(IClusterClient client, string storage, Catalog.Entry[] entries, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var results = new List<FigureResult>();
        Say($"figure 9: abort of a campaign holding {Catalog.RollbackRegions} flipped regions ({_profile.CampaignRuns} run(s))");
        results.AddRange(await Guard([entries[0], entries[1]], () => CampaignFigures.RollbackAsync(
            client, storage, entries[0], entries[1], _profile.CampaignRuns, Say, cancellationToken)));
        Say($"figure 10: a {Catalog.OverheadRegions}-region campaign with zero hold, one wave ({_profile.CampaignRuns} run(s))");
        results.AddRange(await Guard([entries[2]], async () => [await CampaignFigures.OverheadAsync(
            client, storage, entries[2], 1, _profile.CampaignRuns, cpu, Say, cancellationToken)]));
        Say($"figure 10 variant: the same in {Catalog.OverheadWaves} waves of {Catalog.OverheadRegions / Catalog.OverheadWaves} ({_profile.CampaignRuns} run(s))");
        results.AddRange(await Guard([entries[3]], async () => [await CampaignFigures.OverheadAsync(
            client, storage, entries[3], Catalog.OverheadWaves, _profile.CampaignRuns, cpu, Say, cancellationToken)]));
        return results;
    }

    /// <summary>The etcd side of --peer etcd: a throw-away member, stopped however this ends.</summary>
    private async Task<IReadOnlyList<FigureResult>> PeerAsync(string etcdBinary, string logDirectory, CancellationToken cancellationToken)
    {
        Say($"peer: starting a single-member etcd on loopback ({etcdBinary}, free ports, a temp data dir; log in {logDirectory})");
        EtcdServer etcd;
        try
        {
            etcd = await EtcdServer.StartAsync(etcdBinary, logDirectory, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Say($"  etcd did not start: {ex.Message}");
            return [FigureResult.Failed("E", "etcd peer figures", "-", null, ex)];
        }

        await using var stopEtcd = etcd;
        var cpu = new CpuMeter([("benchmark", Environment.ProcessId), ("etcd", etcd.ProcessId)], () => RuntimeTotals.Current);
        using var figures = new EtcdFigures(etcd, _profile, cpu, Say);
        return await figures.RunAllAsync(options.Resolvers, cancellationToken);
    }

    private async Task<FigureResult> CachedAsync(IClusterClient client, string logDirectory)
    {
        const string region = "cached-000";
        await Seed.RegisterAsync(client, [region]);
        await using var resolver = new ActiveArmResolver(client);
        await resolver.GetAsync(Seed.Service, region);
        return CachedReadFigure.Run(resolver, Seed.Service, region, _profile, logDirectory);
    }

    private List<Catalog.Entry> EmbeddedEntries()
    {
        var entries = new List<Catalog.Entry>();
        if (options.Runs("cached"))
        {
            entries.Add(Catalog.CachedRead);
        }

        if (options.Runs("guard"))
        {
            entries.Add(Catalog.GuardCheck);
        }

        if (options.Runs("reads"))
        {
            entries.AddRange([Catalog.UncachedRead, Catalog.UncachedReadSingle]);
        }

        if (options.Runs("http"))
        {
            entries.AddRange([Catalog.HttpActive, Catalog.HttpNotModified, Catalog.SsePropagation]);
        }

        if (options.Runs("edge"))
        {
            entries.AddRange(Catalog.EdgeFigures);
        }

        if (options.Runs("renewals"))
        {
            entries.Add(Catalog.EmbeddedRenewals);
        }

        if (options.Runs("commits"))
        {
            entries.AddRange([Catalog.EmbeddedCommits, Catalog.EmbeddedCommitsPerPointer]);
        }

        if (options.Runs("flips"))
        {
            entries.AddRange([Catalog.EmbeddedSequentialFlips, Catalog.EmbeddedConcurrentFlips]);
        }

        if (options.Runs("propagation"))
        {
            entries.Add(Catalog.Propagation(options.Resolvers));
        }

        if (options.Runs("campaigns"))
        {
            entries.AddRange([Catalog.EmbeddedRollbackWall, Catalog.EmbeddedRollbackOwn, Catalog.EmbeddedOverhead, Catalog.EmbeddedOverheadWaves]);
        }

        return entries;
    }

    private List<Catalog.Entry> AzureEntries()
    {
        var entries = new List<Catalog.Entry>();
        if (options.Runs("azure"))
        {
            entries.AddRange([Catalog.AzureSequentialFlips, Catalog.AzureConcurrentFlips]);
        }

        if (options.Runs("fences-azure"))
        {
            entries.AddRange([Catalog.AzureRenewals, Catalog.AzureCommits, Catalog.AzureCommitsPerPointer]);
        }

        if (options.Runs("propagation-azure"))
        {
            entries.Add(Catalog.PropagationAzure(options.Resolvers));
        }

        if (options.Runs("campaigns-azure"))
        {
            entries.AddRange([Catalog.AzureRollbackWall, Catalog.AzureRollbackOwn, Catalog.AzureOverhead, Catalog.AzureOverheadWaves]);
        }

        if (options.Runs("ledger-azure"))
        {
            entries.AddRange(LedgerAzureEntries());
        }

        if (options.Runs("scale-azure"))
        {
            entries.AddRange(Catalog.ScaleAzureFigures(_profile));
        }

        if (options.Runs("failover"))
        {
            entries.Add(Catalog.Failover);
        }

        return entries;
    }

    private Catalog.Entry[] LedgerAzureEntries() => [Catalog.LedgerActivation(LedgerKeys), Catalog.LedgerActivationReads, Catalog.LedgerOldReplay];

    /// <summary>Runs one figure group; if it throws, its figures are reported as errors and the run goes on.</summary>
    private async Task<IReadOnlyList<FigureResult>> Guard(IReadOnlyList<Catalog.Entry> entries, Func<Task<IReadOnlyList<FigureResult>>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Say($"  failed: {ex}");
            return entries.Select(e => FigureResult.Failed(e.Id, e.Title, e.Unit, e.Target, ex)).ToList();
        }
    }

    private static FigureResult Skip(Catalog.Entry entry, string why) =>
        FigureResult.Skipped(entry.Id, entry.Title, entry.Unit, entry.Target, $"Azurite not reachable ({why}); start it and re-run, or pass --azurite to require it");

    private void Say(string line) => progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
