using System.Text;
using System.Text.Json;
using Coordinator.Api.Auth;
using Coordinator.Api.Views;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Operations.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Coordinator.Api.Endpoints;

/// <summary>
/// Server-Sent Events of a service's active arms: an <c>active</c> event whenever a region's confirmed
/// epoch passes the one the client last saw, with the region's whole state, so a client that resumes
/// with Last-Event-ID misses nothing (and is told how many epochs went by unseen). Comments keep idle
/// streams open through proxies.
/// </summary>
public static class EventEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/services/{service}/events", StreamAsync).WithName("FollowActiveArms").RequireRoles(ApiRoles.ReadPolicy)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableRequestTimeout()
            .WithSummary("Server-Sent Events: 'active' per region whenever its epoch moves, 'campaign' per campaign change, 'lease' per grant, release, freeze or unfreeze (id = where the client stands; Last-Event-ID resumes, missed_* says what went unseen); ?regions=a,b to follow some.");

    private static async Task<IResult> StreamAsync(
        HttpContext context, string service, ActiveArmViews views, ApiOptions options, StreamLimiter limiter, System.Security.Claims.ClaimsPrincipal user)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        var regions = QueryValues.Text(context.Request, "regions")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var name in regions ?? [])
        {
            NameRules.Check("regions", name, errors);
        }

        var cursor = StreamCursor.Parse(context.Request.Headers["Last-Event-ID"].ToString(), "Last-Event-ID", errors);
        NameRules.ThrowIfAny(errors);

        var principal = RegionEndpoints.Principal(user);
        using var slot = limiter.TryOpen(principal);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = "5";
            return Problems.ApiProblems.Result(Problems.ApiProblems.Create(
                StatusCodes.Status429TooManyRequests, "TooManyStreams", "Too many streams",
                $"principal '{principal}' holds {options.MaxStreamsPerPrincipal} event streams already; close one first", []));
        }

        // Fails (503, ...) before the stream starts, while a problem document can still be sent.
        using var follower = await views.FollowAsync(service);
        var followed = follower.View;

        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(context.RequestAborted);

        var time = RegionEndpoints.TimeOf(context);
        var heartbeat = TimeSpan.FromSeconds(options.EventHeartbeatSeconds);
        var lastWrite = time.GetUtcNow();
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                // Taken before the state is read, so a change in between wakes the next wait.
                var changed = followed.Changed;

                // A region shows once its active arm has a manifest; from then on only a flip changes that.
                foreach (var (view, missed) in cursor.Regions.Advance(followed.Views().Where(v => v.ActiveManifest is not null && (regions is null || regions.Contains(v.Region)))))
                {
                    await WriteAsync(response, cursor.ToString(), "active", ActiveArmEvent.Of(view, missed), context.RequestAborted);
                    lastWrite = time.GetUtcNow();
                }

                foreach (var change in followed.Campaigns.Values.OrderBy(c => c.At))
                {
                    if (cursor.Advance(change, out var missed))
                    {
                        await WriteAsync(response, cursor.ToString(), "campaign", CampaignStreamEvent.Of(change, missed), context.RequestAborted);
                        lastWrite = time.GetUtcNow();
                    }
                }

                foreach (var ((region, writer), change) in followed.Leases.Where(l => regions is null || regions.Contains(l.Key.Region)).OrderBy(l => l.Key))
                {
                    if (cursor.Advance(region, writer, change, out var missed))
                    {
                        await WriteAsync(response, cursor.ToString(), "lease", LeaseStreamEvent.Of(service, region, writer, change, missed), context.RequestAborted);
                        lastWrite = time.GetUtcNow();
                    }
                }

                var quiet = heartbeat - (time.GetUtcNow() - lastWrite);
                if (quiet <= TimeSpan.Zero)
                {
                    await response.WriteAsync(": heartbeat\n\n", context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                    lastWrite = time.GetUtcNow();
                    continue;
                }

                try
                {
                    // Woken by a flip notice or a re-read that moved something; no polling.
                    await changed.WaitAsync(quiet, time, context.RequestAborted);
                }
                catch (TimeoutException)
                {
                    // Time for a heartbeat.
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; it resumes with its Last-Event-ID.
        }

        return Results.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, string id, string name, object data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(id).Append('\n')
            .Append("event: ").Append(name).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(data, ApiJson.Options)).Append("\n\n")
            .ToString();
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>A campaign's change in the event stream: its state after it, what it did, and how many versions the client did not see (then re-read its status).</summary>
public sealed record CampaignStreamEvent(
    string Service, string CampaignId, long Version, long PreviousVersion, DateTimeOffset At, CampaignState State, IReadOnlyList<CampaignEvent> Events, long MissedVersions)
{
    public static CampaignStreamEvent Of(CampaignChange change, long missed) => new(
        change.Service, change.CampaignId, change.Version, change.PreviousVersion, change.At, change.State, change.Events, missed);
}

/// <summary>A lease's change in the event stream (grant, release, freeze, unfreeze), and how many grants the client did not see.</summary>
public sealed record LeaseStreamEvent(
    string Service, string Region, string Writer, long LatestFencingToken, long? ValidToken, DateTimeOffset? ValidUntil, string? FrozenBy, long MissedGrants)
{
    public static LeaseStreamEvent Of(string service, string region, string writer, LeaseChanged change, long missed) => new(
        service, region, writer, change.LatestFencingToken, change.ValidToken, change.ValidUntil, change.FrozenBy, missed);
}

/// <summary>One region's state in the event stream, and how many of its epochs the client did not see.</summary>
public sealed record ActiveArmEvent(
    string Service, string Region, string Arm, long Epoch, ArmManifest? Manifest, string? CacheKey, string? OwnerCampaign, DateTimeOffset? LastFlipAt, long MissedEpochs)
{
    public static ActiveArmEvent Of(ActiveArmView view, long missed) => new(
        view.Service, view.Region, view.ActiveArm.ToWire(), view.Epoch, view.ActiveManifest, view.FormatCacheKey(), view.OwnerCampaign, view.LastFlipAt, missed);
}
