using System.Security.Claims;
using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Operations.Fences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>Consumer pointers of a region, for queue consumers in any language.</summary>
public static class ConsumerEndpoints
{
    private const string Group = "/services/{service}/regions/{region}/consumers";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Group, ListConsumersAsync).WithName("ListConsumers").RequireRoles(ApiRoles.ReadPolicy).Answers<List<ConsumerPointerStatus>>()
            .WithSummary("Every consumer pointer of the region: version, mode, token, offsets, instances, counters, move.");
        api.MapPut(Group + "/{group}", ConfigureAsync).WithName("ConfigureConsumers").RequireRoles(ApiRoles.Operator).Takes<ConsumerConfigureBody>().Answers<ConsumerPointerStatus>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Creates a consumer group's pointer or grows its partitions.");
        api.MapPost(Group + "/{group}/heartbeat", HeartbeatAsync).WithName("ConsumerHeartbeat").RequireRoles(ApiRoles.Writer).Takes<HeartbeatBody>().Answers<ConsumerDirective>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("An instance's heartbeat; answers the directive (consume with token and offsets, pause, stop).");
        api.MapPost(Group + "/{group}/commit", CommitAsync).WithName("ConsumerCommit").RequireRoles(ApiRoles.Writer).Takes<CommitBody>().Answers<CommitResult>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Commits an offset under an Idempotency-Key: accepted or duplicate (200), fenced or key reused (409), ledger full (503).");
        api.MapPost(Group + "/{group}/move", MoveAsync).WithName("MoveConsumers").RequireRoles(ApiRoles.Operator).Takes<MoveBody>().Answers<MoveStatus>(StatusCodes.Status202Accepted).Answers<MoveStatus>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Starts moving the group to another CONSUMER_VER (202); follow it at .../moves/{key}.");
        api.MapGet(Group + "/{group}/moves/{key}", GetMoveAsync).WithName("GetConsumerMove").RequireRoles(ApiRoles.ReadPolicy).Answers<MoveStatus>().Problems(StatusCodes.Status404NotFound)
            .WithSummary("A move by its idempotency key: draining, completed or failed.");
        api.MapPost(Group + "/{group}/reset", ResetAsync).WithName("ResetConsumerOffset").RequireRoles(ApiRoles.Operator).Takes<ResetBody>().Answers<ConsumerPointerStatus>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Sets one partition's offset (audited); the only way an offset goes backwards.");
    }

    private static async Task<IResult> ListConsumersAsync(string service, string region, IGrainFactory grains)
    {
        FenceNames.Check(service, region);
        return Json(await ConsumerOperations.ListAsync(grains, service, region));
    }

    private static async Task<IResult> ConfigureAsync(
        HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<ConsumerConfigureBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("group", group), throwIfAny: false);
        ManifestValidator.CheckVersion("$.consumer_ver", body!.ConsumerVer, errors);
        BodyRules.Range(errors, "$.partitions", body.Partitions, 1, ConsumerLimits.MaxPartitions);
        LedgerPolicies.Check("$.ledger_policy", body.LedgerPolicy, errors);
        NameRules.ThrowIfAny(errors);
        return Json(await ConsumerOperations.ConfigureAsync(
            grains, service, region, group, body.ConsumerVer!, (int)body.Partitions!.Value, RegionEndpoints.Principal(user), LedgerPolicies.Parse(body.LedgerPolicy)));
    }

    private static async Task<IResult> HeartbeatAsync(HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<HeartbeatBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("group", group), throwIfAny: false);
        NameRules.CheckText("$.instance_id", body!.InstanceId, ConsumerPointerRules.MaxKeyLength, errors);
        ManifestValidator.CheckVersion("$.consumer_ver", body.ConsumerVer, errors);
        NameRules.ThrowIfAny(errors);
        return Json(await ConsumerOperations.HeartbeatAsync(grains, service, region, group, body.InstanceId!, body.ConsumerVer!, body.Paused ?? false));
    }

    private static async Task<IResult> CommitAsync(HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<CommitBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("group", group), throwIfAny: false);
        var key = context.Request.Headers.TryGetValue(ApiHeaders.IdempotencyKey, out var keys) ? keys.ToString() : null;
        NameRules.CheckText(ApiHeaders.IdempotencyKey, key, ConsumerPointerRules.MaxKeyLength, errors);
        BodyRules.Range(errors, "$.partition", body!.Partition, 0, ConsumerLimits.MaxPartitions - 1);
        BodyRules.Range(errors, "$.offset", body.Offset, 0, long.MaxValue);
        BodyRules.Range(errors, "$.token", body.Token, 0, long.MaxValue);
        NameRules.CheckText("$.payload_hash", body.PayloadHash, ConsumerPointerRules.MaxKeyLength, errors);
        ManifestValidator.CheckVersion("$.consumer_ver", body.ConsumerVer, errors);
        NameRules.ThrowIfAny(errors);

        var result = await ConsumerOperations.CommitAsync(grains, service, region, group, new CommitRequest
        {
            Partition = (int)body.Partition!.Value,
            Offset = body.Offset!.Value,
            IdempotencyKey = key!,
            PayloadHash = body.PayloadHash!,
            Token = body.Token!.Value,
            ConsumerVer = body.ConsumerVer!,
        });

        // Accepted and duplicate are answers a consumer acts on; the rest refuse the commit.
        return result.Outcome switch
        {
            CommitOutcome.Accepted or CommitOutcome.Duplicate => Json(result),
            CommitOutcome.Conflict => ApiProblems.Result(ApiProblems.Create(
                StatusCodes.Status409Conflict, nameof(CoordinatorErrorCode.IdempotencyKeyConflict), "Conflict with the current state",
                result.Reason ?? $"idempotency key '{key}' was already used for a different payload", [])),
            CommitOutcome.Fenced => ApiProblems.Result(ApiProblems.Create(
                StatusCodes.Status409Conflict, "Fenced", "Fenced", result.Reason ?? "the token no longer holds the pointer: heartbeat for a new directive", [])),
            _ => ApiProblems.Result(ApiProblems.Create(
                StatusCodes.Status503ServiceUnavailable, result.Outcome.ToString(), "Refused for now", result.Reason ?? result.Outcome.ToString(), [])),
        };
    }

    private static async Task<IResult> MoveAsync(
        HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<MoveBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("group", group), throwIfAny: false);
        var key = context.Request.Headers.TryGetValue(ApiHeaders.IdempotencyKey, out var keys) ? keys.ToString() : null;
        if (key is not null)
        {
            NameRules.CheckText(ApiHeaders.IdempotencyKey, key, ConsumerPointerRules.MaxKeyLength, errors);
        }

        ManifestValidator.CheckVersion("$.to_consumer_ver", body!.ToConsumerVer, errors);
        NameRules.CheckText("$.reason", body.Reason, Limits.MaxReasonLength, errors);
        BodyRules.Range(errors, "$.drain_timeout_seconds", body.DrainTimeoutSeconds, 1, (long)ConsumerLimits.MaxDrainTimeout.TotalSeconds, required: false);
        NameRules.ThrowIfAny(errors);

        var move = await ConsumerOperations.StartMoveAsync(grains, service, region, group, new MoveRequest
        {
            ToConsumerVer = body.ToConsumerVer!,
            IdempotencyKey = key ?? Guid.NewGuid().ToString("N"),
            Operator = RegionEndpoints.Principal(user),
            Reason = body.Reason!,
            DrainTimeout = TimeSpan.FromSeconds(body.DrainTimeoutSeconds ?? 30),
        });
        return TypedResults.Json(move, ApiJson.Options, statusCode: move.State == MoveState.Draining ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetMoveAsync(string service, string region, string group, string key, IGrainFactory grains)
    {
        FenceNames.Check(service, region, ("group", group));
        return await ConsumerOperations.GetMoveAsync(grains, service, region, group, key) is { } move
            ? Json(move)
            : ApiProblems.Result(ApiProblems.Create(StatusCodes.Status404NotFound, "NotFound", "Not found", $"{FenceKey.Format(service, region, group)} knows no move with key '{key}'", []));
    }

    private static async Task<IResult> ResetAsync(
        HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<ResetBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("group", group), throwIfAny: false);
        BodyRules.Range(errors, "$.partition", body!.Partition, 0, ConsumerLimits.MaxPartitions - 1);
        BodyRules.Range(errors, "$.offset", body.Offset, 0, long.MaxValue);
        NameRules.CheckText("$.reason", body.Reason, Limits.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);
        var (_, after) = await ConsumerOperations.ResetOffsetAsync(
            grains, service, region, group, (int)body.Partition!.Value, body.Offset!.Value, RegionEndpoints.Principal(user), body.Reason!);
        return Json(after);
    }

    private static IResult Json<T>(T value) => TypedResults.Json(value, ApiJson.Options);
}
