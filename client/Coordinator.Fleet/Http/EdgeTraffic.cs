using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using Coordinator.Arms;
using Coordinator.Arms.Corpus;
using Coordinator.Client.Telemetry;

namespace Coordinator.Fleet.Http;

/// <summary>
/// Real HTTP traffic: per region a few closed loops, each sending <c>POST {edge}{prefix}/ask</c> questions
/// through the region's edge and waiting for the answer. The edge reports each request (latency, 5xx) to the
/// hold gate; this client measures each answer's quality against the section its question targets and
/// reports it as a quality observation (not a request) for the arm and epoch the edge's headers name.
/// </summary>
/// <param name="edges">Each region's edge base address.</param>
/// <param name="pathPrefix">The service's path prefix at the edge, e.g. "/rag-api".</param>
/// <param name="corpus">The corpus the arms answer from (the sections questions target).</param>
/// <param name="questions">The questions, asked round-robin.</param>
/// <param name="loopsPerRegion">Closed loops per region.</param>
/// <param name="pause">Time between one answer and the loop's next question.</param>
public sealed class EdgeTraffic(
    IReadOnlyDictionary<string, Uri> edges,
    string pathPrefix,
    ArmCorpus corpus,
    IReadOnlyList<AskQuestion> questions,
    int loopsPerRegion,
    TimeSpan pause) : IFleetTraffic, IDisposable
{
    /// <summary>Passages asked for per question: enough that a healthy index returns most of a section.</summary>
    public const int TopK = 10;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = RequestTimeout };
    private readonly LexicalEmbedder _embedder = new(corpus.Passages.Select(p => p.Text));
    private readonly Dictionary<string, string[]> _sections = corpus.Sections.ToDictionary(s => s.Id, s => s.Passages.Select(p => p.Text).ToArray(), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Region, string Arm, int Question), double> _lastDeltaS = new();

    public HttpTrafficLog Log { get; } = new();

    public IReadOnlyList<Task> Start(FleetTrafficContext context, CancellationToken cancellationToken)
    {
        var missing = AskQuestions.MissingSections(questions, corpus);
        if (missing.Count > 0)
        {
            throw new ArgumentException($"questions: sections {string.Join(", ", missing)} are not in corpus {corpus.Version}", nameof(questions));
        }

        var tasks = new List<Task>();
        foreach (var (region, counters) in context.Regions)
        {
            var ask = new Uri(edges[region], pathPrefix.TrimStart('/') + "/ask");
            for (var loop = 0; loop < loopsPerRegion; loop++)
            {
                var first = loop * questions.Count / loopsPerRegion;
                tasks.Add(Task.Run(() => LoopAsync(context, counters, ask, first, cancellationToken), CancellationToken.None));
            }
        }

        return tasks;
    }

    public void Dispose() => _http.Dispose();

    private async Task LoopAsync(FleetTrafficContext context, RegionCounters counters, Uri ask, int first, CancellationToken cancellationToken)
    {
        var highest = -1L;
        try
        {
            for (var i = first; !cancellationToken.IsCancellationRequested; i++)
            {
                var index = i % questions.Count;
                highest = Math.Max(highest, await AskAsync(context, counters, ask, index, seed: i, highest));
                await Task.Delay(pause, context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends one question; returns the epoch the edge served it at (-1 without one).</summary>
    private async Task<long> AskAsync(
        FleetTrafficContext context, RegionCounters counters, Uri ask, int index, int seed, long highest)
    {
        var region = counters.Region;
        var question = questions[index];
        var sent = context.Time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            // Not cancelled when the fleet stops: a request sent is awaited, so every ask an arm counted has its answer here.
            response = await _http.PostAsJsonAsync(ask, new { question = question.Text, seed, top_k = TopK }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            RegionCounters.Add(ref counters.RequestErrors);
            Log.Fail(new FailedRequest(region, sent, context.Time.GetUtcNow(), null, null, $"{ex.GetType().Name}: {ex.Message}"));
            return -1;
        }

        using (response)
        {
            var arm = Header(response, "x-coordinator-arm");
            var epoch = long.TryParse(Header(response, "x-coordinator-epoch"), NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : -1;
            if (arm is not null)
            {
                Log.Answer(region, arm);
            }

            if (epoch >= 0 && epoch < highest)
            {
                RegionCounters.Add(ref counters.LowerEpochReads);
            }

            if (!response.IsSuccessStatusCode || arm is null || epoch < 0)
            {
                RegionCounters.Add(ref counters.RequestErrors);
                Log.Fail(new FailedRequest(region, sent, context.Time.GetUtcNow(), arm, (int)response.StatusCode,
                    arm is null ? "no x-coordinator-arm header" : $"status {(int)response.StatusCode}"));
                return epoch;
            }

            if (arm == "green")
            {
                RegionCounters.Add(ref counters.ServedGreen);
            }
            else
            {
                RegionCounters.Add(ref counters.ServedBlue);
            }

            var answer = await response.Content.ReadFromJsonAsync<AskResponse>(CancellationToken.None)
                ?? throw new InvalidOperationException($"{ask}: an empty answer body");
            await ReportQualityAsync(context, region, arm, epoch, index, answer);
            return epoch;
        }
    }

    private async Task ReportQualityAsync(FleetTrafficContext context, string region, string arm, long epoch, int index, AskResponse answer)
    {
        var question = questions[index];
        var retrieved = answer.Passages.Select(p => p.Text).ToArray();
        var coverage = AnswerQuality.Coverage(_sections[question.Section], retrieved);
        var deltaS = AnswerQuality.DeltaS(_embedder, question.Text, retrieved);
        LambdaObservation? lambda = null;
        var key = (region, arm, index);
        if (_lastDeltaS.TryGetValue(key, out var previous))
        {
            lambda = AnswerQuality.Observe(AnswerQuality.Lambda(previous, deltaS));
        }

        _lastDeltaS[key] = deltaS;
        Log.Quality(region, arm).Add(coverage, deltaS, lambda?.Flipped);

        // Attributed to the arm and epoch the edge named, as the resolver knows them; a flip the resolver has
        // not seen yet leaves the sample out rather than pinning it to the wrong versions.
        var active = await context.Resolver.GetAsync(context.Service, region);
        if (active.Epoch != epoch || active.Arm.ToWire() != arm)
        {
            Log.NotAttributed();
            return;
        }

        context.Reporter.RecordQuality(active, new QualitySample { Coverage = coverage, DeltaS = deltaS, Lambda = lambda });
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
