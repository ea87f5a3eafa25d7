using System.Globalization;
using Coordinator.Benchmarks.Figures;

namespace Coordinator.Benchmarks.Peer;

/// <summary>
/// Product figures whose target is a multiple of an etcd figure: in a peer run they are judged against
/// the etcd figure measured in the same run, not the fixed catalog number (etcd's own rate moves
/// between quiet runs, 17.7k to 25.0k serializable gets a second on this machine).
/// </summary>
internal static class PeerTargets
{
    private static readonly (string Product, string Etcd, double Factor)[] Relative = [("15a", "E2", 2.0)];

    public static void Apply(List<FigureResult> results)
    {
        foreach (var (product, etcd, factor) in Relative)
        {
            var mine = results.FindLastIndex(r => r.Id == product);
            var theirs = results.LastOrDefault(r => r.Id == etcd);
            if (mine < 0 || results[mine].Value is not { } value || theirs?.Value is not { } peer || results[mine].Verdict is not (Verdict.Pass or Verdict.Fail))
            {
                continue;
            }

            var target = Target.Minimum(
                factor * peer,
                string.Create(CultureInfo.InvariantCulture, $">= {factor:0.#}x etcd's {etcd} in this run ({peer:N0}/s, so >= {factor * peer:N0}/s)"));
            results[mine] = results[mine] with { Target = target, Verdict = target.IsMetBy(value) ? Verdict.Pass : Verdict.Fail };
        }
    }
}
