using System.Security.Claims;
using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Domain;
using Coordinator.Notifications;
using Coordinator.Operations.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>A service's webhooks for campaign events. Secrets are write-only: no answer carries one.</summary>
public static class WebhookEndpoints
{
    private const string Webhooks = "/services/{service}/webhooks";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Webhooks, ListAsync).WithName("ListWebhooks").RequireRoles(ApiRoles.ReadPolicy).Answers<List<WebhookView>>()
            .WithSummary("The service's webhooks (origin and fingerprint of each URL, never the secret) with how delivery goes.");
        api.MapGet(Webhooks + "/{webhook}", GetAsync).WithName("GetWebhook").RequireRoles(ApiRoles.ReadPolicy).Answers<WebhookView>().Problems(StatusCodes.Status404NotFound)
            .WithSummary("One webhook and its delivery: cursor, pending events, failed attempts, next attempt, delivered and dropped counts.");
        api.MapPut(Webhooks + "/{webhook}", SetAsync).WithName("SetWebhook").RequireRoles(ApiRoles.Operator).Takes<WebhookBody>().Answers<WebhookView>()
            .WithSummary("Creates or changes a webhook: url, secret (required for a new one; left out keeps the current one), events, format (json or slack).");
        api.MapDelete(Webhooks + "/{webhook}", RemoveAsync).WithName("RemoveWebhook").RequireRoles(ApiRoles.Operator).Produces(StatusCodes.Status204NoContent).Problems(StatusCodes.Status404NotFound)
            .WithSummary("Removes a webhook; events it has not delivered are not sent.");
    }

    private static async Task<IResult> ListAsync(string service, IGrainFactory grains)
    {
        Check(service);
        return Json(await WebhookOperations.ListAsync(grains, service));
    }

    private static async Task<IResult> GetAsync(string service, string webhook, IGrainFactory grains)
    {
        Check(service, webhook);
        return Json(await WebhookOperations.GetAsync(grains, service, webhook));
    }

    private static async Task<IResult> SetAsync(HttpContext context, string service, string webhook, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<WebhookBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        Check(service);
        var input = new WebhookInput { Url = body!.Url, Secret = body.Secret, Events = body.Events, Format = body.Format };
        return Json(await WebhookOperations.SetAsync(grains, service, webhook, input, WebhookFieldNames.Api, RegionEndpoints.Principal(user)));
    }

    private static async Task<IResult> RemoveAsync(string service, string webhook, IGrainFactory grains, ClaimsPrincipal user)
    {
        Check(service, webhook);
        await WebhookOperations.RemoveAsync(grains, service, webhook, RegionEndpoints.Principal(user));
        return TypedResults.NoContent();
    }

    private static void Check(string service, string? webhook = null)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        if (webhook is not null)
        {
            NameRules.Check("webhook", webhook, errors);
        }

        NameRules.ThrowIfAny(errors);
    }

    private static IResult Json<T>(T value) => TypedResults.Json(value, ApiJson.Options);
}
