using Coordinator.Arms.Corpus;

namespace Coordinator.Arms;

/// <summary>A Blue and a Green arm server per region, started together and stopped together.</summary>
public sealed class RegionArms : IAsyncDisposable
{
    private readonly Dictionary<(string Region, ArmBuild Build), ArmServer> _servers;

    private RegionArms(IReadOnlyList<string> regions, Dictionary<(string, ArmBuild), ArmServer> servers)
    {
        Regions = regions;
        _servers = servers;
    }

    /// <summary>The regions, in the order given.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Every server, region by region, Blue before Green.</summary>
    public IReadOnlyList<ArmServer> All => [.. Regions.SelectMany(r => new[] { Blue(r), Green(r) })];

    /// <summary>Starts Blue and Green for every region on free loopback ports.</summary>
    /// <param name="regions">Distinct, non-blank region names.</param>
    /// <param name="configure">
    /// Given the region and the default options of one arm (<see cref="ArmOptions.ForBlue"/> or
    /// <see cref="ArmOptions.ForGreen"/>), returns the options to start it with (e.g. Green degraded in one
    /// region); the defaults when null.
    /// </param>
    /// <param name="corpus">The corpus; the shipped one when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">No regions, a blank or repeated region.</exception>
    /// <exception cref="ArmOptionsException">Some arm's options are not valid (no server is left running).</exception>
    public static async Task<RegionArms> StartAsync(
        IEnumerable<string> regions,
        Func<string, ArmOptions, ArmOptions>? configure = null,
        ArmCorpus? corpus = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var list = regions.ToArray();
        if (list.Length == 0 || list.Any(string.IsNullOrWhiteSpace) || list.Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new ArgumentException($"regions: need at least one, each non-blank and distinct (got [{string.Join(", ", list)}])", nameof(regions));
        }

        corpus ??= ArmCorpus.Shipped;
        var plan = list.SelectMany(r => new[] { ArmBuild.Blue, ArmBuild.Green }.Select(b => (r, b, Options: configure?.Invoke(r, ArmOptions.For(b)) ?? ArmOptions.For(b))))
            .ToArray();
        var errors = plan.SelectMany(p => ArmOptionsValidator.Validate(p.Options).Select(e => $"{p.r}/{p.b}: {e}")).ToArray();
        if (errors.Length > 0)
        {
            throw new ArmOptionsException(errors);
        }

        var starts = plan.Select(p => ArmServer.StartAsync(p.Options, 0, corpus, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        var servers = plan.Zip(starts).ToDictionary(x => (x.First.r, x.First.b), x => x.Second.Result);
        return new RegionArms(list, servers);
    }

    /// <summary>The region's arm of the given build.</summary>
    /// <exception cref="KeyNotFoundException">The region is not one of <see cref="Regions"/>.</exception>
    public ArmServer Get(string region, ArmBuild build) =>
        _servers.TryGetValue((region, build), out var server)
            ? server
            : throw new KeyNotFoundException($"region: '{region}' is not one of [{string.Join(", ", Regions)}]");

    /// <summary>The region's Blue arm.</summary>
    public ArmServer Blue(string region) => Get(region, ArmBuild.Blue);

    /// <summary>The region's Green arm.</summary>
    public ArmServer Green(string region) => Get(region, ArmBuild.Green);

    /// <summary>Stops every server.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_servers.Values.Select(s => s.DisposeAsync().AsTask()));
    }
}
