using System.Globalization;
using Coordinator.Client.Telemetry;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Coordinator.Edge.Routing;

/// <summary>
/// First step of the proxy pipeline: finds the route the request was matched with, stamps the arm
/// and epoch on the request to the arm and on the response, answers 503 when the active arm has no
/// endpoint here, and reports the request (edge-measured latency, status class) to the hold gate.
/// </summary>
internal sealed class ArmRequestMiddleware(ArmProxyConfigProvider routes, TelemetryReporter telemetry, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var clusterId = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        if (!routes.TryGetRoute(clusterId, out var route))
        {
            // Only a request held across many flips before it reached this step; it was never sent.
            await EdgeProblems.WriteAsync(context, "route-expired", "The edge's route changed while the request waited", $"cluster {clusterId} is no longer known; retry", null);
            return;
        }

        var arm = route.Active?.Arm.ToWire();
        var epoch = route.Active?.Epoch.ToString(CultureInfo.InvariantCulture);
        if (arm is not null)
        {
            // Set on the request too: an arm can check it was reached at the epoch it expects.
            context.Request.Headers[EdgeHeaders.Arm] = arm;
            context.Request.Headers[EdgeHeaders.Epoch] = epoch;
            // At OnStarting, after YARP copied the arm's headers, so these win over anything the arm sent.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[EdgeHeaders.Arm] = arm;
                context.Response.Headers[EdgeHeaders.Epoch] = epoch;
                return Task.CompletedTask;
            });
        }
        else
        {
            context.Request.Headers.Remove(EdgeHeaders.Arm);
            context.Request.Headers.Remove(EdgeHeaders.Epoch);
        }

        var started = time.GetTimestamp();
        if (route.Missing is { } missing)
        {
            await EdgeProblems.WriteAsync(context, route.MissingKind ?? "no-endpoint", "The active arm cannot be reached from this edge", missing, route);
            Report(route, started, context.Response.StatusCode, failed: true);
            return;
        }

        var threw = true;
        try
        {
            await next();
            threw = false;
        }
        finally
        {
            Report(route, started, context.Response.StatusCode, threw || IsUpstreamFailure(context));
        }
    }

    private void Report(ArmRoute route, long started, int status, bool failed)
    {
        if (route.Active is not { } active)
        {
            return;
        }

        // Latency as the edge saw it; per-stage timings an arm may report are not trusted here.
        telemetry.Record(active, new RequestSample
        {
            Latency = time.GetElapsedTime(started),
            Http5xx = status >= StatusCodes.Status500InternalServerError,
            Error = failed,
        });
    }

    /// <summary>The arm failed (connect, timeout, reset); a client that went away is not the arm's fault.</summary>
    private static bool IsUpstreamFailure(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { } error
        && error.Error is not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled);
}
