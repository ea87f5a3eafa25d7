using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Reporting;

namespace Coordinator.Benchmarks.Peer;

/// <summary>
/// The peer run's pairs: which product figure stands beside which etcd figure, and the ratio.
/// Durable pairs prefer the product's Azurite figure and fall back to its embedded one, saying so.
/// </summary>
internal static partial class PeerTable
{
    /// <param name="Product">Product figure ids, first measured one wins (Azurite before embedded for durable pairs).</param>
    /// <param name="HigherIsBetter">Throughput (true) or latency (false).</param>
    public sealed record Pair(string What, IReadOnlyList<string> Product, string Etcd, bool HigherIsBetter);

    /// <param name="OtherCpu">Cores the rest of the machine took in each side's window ("Coordinator / etcd").</param>
    public sealed record Row(string What, string Product, string Etcd, string Ratio, string OtherCpu);

    public static readonly IReadOnlyList<Pair> Pairs =
    [
        new("Active-arm read, SDK cache (1 thread) vs etcd serializable get (64 in flight)", ["1"], "E2", true),
        new("Active-arm read over TCP, 64 in flight vs etcd serializable get", ["2"], "E2", true),
        new("GET active over HTTP/1.1, 64 concurrent vs etcd serializable get (target >= 2x)", ["15a"], "E2", true),
        new("Durable flip, sequential vs etcd CAS txn", ["3c", "3a"], "E3", true),
        new("One round trip after a 0-100 ms pause, p99 (the floor under the push figures): grain read vs etcd get", ["4r"], "E4r", false),
        new("Flip -> 100 subscribers on 1 client, p99 vs etcd watches", ["4p"], "E4a", false),
        new("Flip -> 100 subscribers on 100 clients, p99 vs etcd watches (target <= 0.5x)", ["4"], "E4b", false),
        new("Flip -> 100 subscribers on 100 clients, Azurite storage, p99 vs etcd watches (target <= 1x)", ["4z"], "E4b", false),
        new("Lease acquire, 64 in flight vs etcd grant + put (Azurite: target >= 1x)", ["8p", "6p"], "E6a", true),
        new("Lease renewals, 64 writers vs etcd keep-alive (Azurite: target >= 1x)", ["8a", "6"], "E6b", true),
        new("Fenced write check: SDK guard (cached, 1 thread) vs etcd fenced txn (64 in flight)", ["5"], "E5", true),
        new("Commits on one consumer pointer, 64 callers vs etcd fenced txn (Azurite: target >= 1x)", ["8b", "7a"], "E7", true),
    ];

    /// <summary>One row per pair; a side not measured in this run shows why.</summary>
    public static IReadOnlyList<Row> Build(IReadOnlyList<FigureResult> results)
    {
        var byId = results.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last());
        var rows = new List<Row>();
        foreach (var pair in Pairs)
        {
            var product = pair.Product.Select(id => byId.GetValueOrDefault(id)).FirstOrDefault(r => r?.Value is not null);
            var etcd = byId.GetValueOrDefault(pair.Etcd);
            var fallback = product is not null && pair.Product.Count > 1 && product.Id != pair.Product[0]
                ? " (embedded: Azurite not measured)"
                : string.Empty;
            rows.Add(new Row(
                pair.What,
                product is null ? "not measured" : $"{ConsoleReport.FormatValue(product)} [{product.Id}]{fallback}",
                etcd?.Value is null ? "not measured" : $"{ConsoleReport.FormatValue(etcd)} [{etcd.Id}]",
                Ratio(product?.Value, etcd?.Value, pair.HigherIsBetter),
                $"{OtherCores(product)} / {OtherCores(etcd)}"));
        }

        return rows;
    }

    /// <summary>"4.2x faster" or "3.2x slower" from the product's side; "-" when a side is missing.</summary>
    public static string Ratio(double? product, double? etcd, bool higherIsBetter)
    {
        if (product is not { } p || etcd is not { } e || p <= 0 || e <= 0 || double.IsNaN(p) || double.IsNaN(e))
        {
            return "-";
        }

        var better = higherIsBetter ? p / e : e / p;
        return better >= 1
            ? $"{Times(better)} faster"
            : $"{Times(1 / better)} slower";
    }

    private static string Times(double x) =>
        (x >= 100 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("0.0#", CultureInfo.InvariantCulture)) + "x";

    /// <summary>"other processes N" from a figure's CPU note; "-" for a figure without one (the BenchmarkDotNet figures).</summary>
    private static string OtherCores(FigureResult? figure)
    {
        var note = figure?.Notes.Select(n => OtherProcesses().Match(n)).FirstOrDefault(m => m.Success);
        return note is null ? "-" : double.Parse(note.Groups[1].Value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"other processes (\d+(?:\.\d+)?)")]
    private static partial Regex OtherProcesses();

    /// <summary>The table as Markdown, ready for the bench README.</summary>
    public static void WriteMarkdown(IReadOnlyList<Row> rows, TextWriter output)
    {
        output.WriteLine("| What | Coordinator | etcd | Coordinator is | Other CPU (cores) |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            output.WriteLine($"| {row.What} | {row.Product} | {row.Etcd} | {row.Ratio} | {row.OtherCpu} |");
        }
    }
}
