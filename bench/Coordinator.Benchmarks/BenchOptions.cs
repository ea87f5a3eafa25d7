using System.Globalization;
using Coordinator.Consumers;

namespace Coordinator.Benchmarks;

/// <summary>The command line, parsed. Every problem is reported at once.</summary>
internal sealed record BenchOptions
{
    public const string DefaultAzureConnection = "UseDevelopmentStorage=true";

    /// <summary>Figure groups, in the order they run (the embedded silo's, then the Azurite silo's).</summary>
    public static readonly IReadOnlyList<string> Groups = ["cached", "guard", "reads", "http", "edge", "renewals", "commits", "flips", "propagation", "campaigns", "ledger", "audit", "evaluator", "scale", "azure", "fences-azure", "propagation-azure", "campaigns-azure", "ledger-azure", "scale-azure", "failover"];

    /// <summary>The groups measured on azure-mode silos over Azurite ("failover" starts its own three).</summary>
    public static readonly IReadOnlyList<string> AzureGroups = ["azure", "fences-azure", "propagation-azure", "campaigns-azure", "ledger-azure", "scale-azure", "failover"];

    public const int MinLedgerKeys = 10_000;

    /// <summary>Keys of figure 13's pointer by default: the full profile holds the product's bound.</summary>
    public const int FullLedgerKeys = 10_000_000;

    public const int QuickLedgerKeys = 1_000_000;

    /// <summary>Short durations for a smoke run; the figures are indicative only.</summary>
    public bool Quick { get; init; }

    /// <summary>Fail instead of skipping the Azurite figures when Azurite does not answer.</summary>
    public bool RequireAzurite { get; init; }

    /// <summary>Print the results as JSON on stdout instead of the table.</summary>
    public bool Json { get; init; }

    public bool Help { get; init; }

    public string AzureConnectionString { get; init; } = DefaultAzureConnection;

    /// <summary>Which figure groups to run; all by default.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(Groups, StringComparer.Ordinal);

    /// <summary>Orleans clients behind the propagation figure's resolvers (1 to <see cref="Resolvers"/>).</summary>
    public int? PropagationClients { get; init; }

    public int Resolvers { get; init; } = 100;

    /// <summary>
    /// Experiment, off by default: the silo's flip-stream polling period in ms (the product sets 2 in embedded mode).
    /// Changes what is measured, so the report flags it.
    /// </summary>
    public int? StreamPollMs { get; init; }

    /// <summary>Keys the pointer of figure 13 holds; null for the profile's default.</summary>
    public int? LedgerKeys { get; init; }

    /// <summary>The groups a peer run measures unless --only says otherwise: the product side of every pair.</summary>
    public static readonly IReadOnlyList<string> PeerGroups = ["cached", "guard", "reads", "http", "renewals", "commits", "flips", "propagation", "azure", "fences-azure", "propagation-azure"];

    /// <summary>The peers --peer accepts.</summary>
    public static readonly IReadOnlyList<string> Peers = ["etcd"];

    /// <summary>Also measure this peer (only "etcd") and print each pair with its ratio; null for none.</summary>
    public string? Peer { get; init; }

    public bool Runs(string group) => Only.Contains(group);

    public bool RunsAzure => AzureGroups.Any(Runs);

    public const string Usage = """
        Coordinator benchmarks: resolver cache, grain reads over TCP, flips, flip propagation, lease
        guard, lease renewals, consumer-pointer commits, campaign rollback, campaign overhead,
        idempotency-ledger capacity, failover, the HTTP API, the edge, the Warm evaluator and how
        cost grows with the number of pointers (scale).

        dotnet run -c Release --project bench/Coordinator.Benchmarks -- [flags]

          --quick                 short durations (smoke run; figures indicative only)
          --azurite               require Azurite: exit 3 if it does not answer (default: skip its figures)
          --json                  print results as JSON on stdout (progress stays on stderr)
          --only LIST             comma-separated groups: cached,guard,reads,http,edge,renewals,commits,flips,
                                  propagation,campaigns,ledger,audit,evaluator,scale,azure,fences-azure,
                                  propagation-azure,campaigns-azure,ledger-azure,scale-azure,failover
          --ledger-keys N         keys of the ledger-azure figure's pointer (default 10,000,000; quick 1,000,000)
          --azure-connection CS   storage for the azure figures (default UseDevelopmentStorage=true)
          --resolvers N           subscribed resolvers in the propagation figures (default 100)
          --clients N             Orleans clients those resolvers share (default: one per resolver)
          --stream-poll-ms N      EXPERIMENT: silo flip-stream polling period (product: 2 ms embedded);
                                  the report marks every run that uses it
          --peer etcd             also measure a throw-away single-member etcd on loopback (Debian's
                                  etcd-server; installed when missing and root) and print each pair
                                  with its ratio; runs the groups of the pairs unless --only is given
          --help                  this text

        Exit codes: 0 all measured targets met; 1 a target missed or a figure failed;
                    2 bad arguments; 3 --azurite given and Azurite unreachable,
                    or --peer etcd and etcd neither installed nor installable; 130 interrupted (Ctrl-C).
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var options = new BenchOptions();
        var onlyGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--azurite":
                    options = options with { RequireAzurite = true };
                    break;
                case "--json":
                    options = options with { Json = true };
                    break;
                case "--help" or "-h":
                    options = options with { Help = true };
                    break;
                case "--only":
                    onlyGiven = true;
                    options = options with { Only = ParseGroups(Value(args, ref i, arg, problems), problems) };
                    break;
                case "--azure-connection":
                    options = options with { AzureConnectionString = Value(args, ref i, arg, problems) ?? DefaultAzureConnection };
                    break;
                case "--resolvers":
                    options = options with { Resolvers = Count(Value(args, ref i, arg, problems), arg, 1000, problems) ?? options.Resolvers };
                    break;
                case "--clients":
                    options = options with { PropagationClients = Count(Value(args, ref i, arg, problems), arg, 1000, problems) };
                    break;
                case "--ledger-keys":
                    options = options with { LedgerKeys = Count(Value(args, ref i, arg, problems), arg, ConsumerPointerOptions.DefaultLedgerMaxEntries, problems, MinLedgerKeys) };
                    break;
                case "--stream-poll-ms":
                    options = options with { StreamPollMs = Count(Value(args, ref i, arg, problems), arg, 1000, problems) };
                    break;
                case "--peer":
                    options = options with { Peer = ParsePeer(Value(args, ref i, arg, problems), problems) };
                    break;
                default:
                    problems.Add($"{arg}: unknown argument (see --help)");
                    break;
            }
        }

        if (options.Peer is not null && !onlyGiven)
        {
            options = options with { Only = new HashSet<string>(PeerGroups, StringComparer.Ordinal) };
        }

        if (options.PropagationClients > options.Resolvers)
        {
            problems.Add($"--clients: {options.PropagationClients} is more than --resolvers ({options.Resolvers})");
        }

        if (options.RequireAzurite && !options.RunsAzure)
        {
            problems.Add("--azurite: the azure, fences-azure, propagation-azure, campaigns-azure, ledger-azure, scale-azure and failover groups are excluded by --only");
        }

        errors = problems;
        return options;
    }

    private static string? Value(IReadOnlyList<string> args, ref int i, string flag, List<string> problems)
    {
        if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        problems.Add($"{flag}: needs a value");
        return null;
    }

    private static string? ParsePeer(string? text, List<string> problems)
    {
        if (text is null || Peers.Contains(text))
        {
            return text;
        }

        problems.Add($"--peer: '{text}' is not a peer this benchmark drives ({string.Join(", ", Peers)})");
        return null;
    }

    private static HashSet<string> ParseGroups(string? text, List<string> problems)
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Groups.Contains(name))
            {
                groups.Add(name);
            }
            else
            {
                problems.Add($"--only: '{name}' is not a group ({string.Join(", ", Groups)})");
            }
        }

        if (groups.Count == 0)
        {
            problems.Add("--only: names no group");
        }

        return groups;
    }

    private static int? Count(string? text, string flag, int max, List<string> problems, int min = 1)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        problems.Add($"{flag}: '{text}' is not a whole number from {min} to {max}");
        return null;
    }
}
