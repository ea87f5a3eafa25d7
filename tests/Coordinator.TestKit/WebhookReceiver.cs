using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coordinator.TestKit;

/// <summary>One POST a <see cref="WebhookReceiver"/> received, as it arrived, before it was answered.</summary>
public sealed record WebhookRequest(
    int Index,
    string? EventId,
    string? Event,
    int? Attempt,
    string? Timestamp,
    string? Signature,
    bool SignatureValid,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A webhook receiver on real Kestrel on loopback, as a user would run one: it records every request
/// (duplicates too), checks its signature on its own (HMAC-SHA256 of "timestamp." + body with the
/// secret, not the product's code), and answers what <see cref="Respond"/> says, which may hold a
/// request for as long as a test wants.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly ConcurrentQueue<WebhookRequest> _requests = new();
    private int _count;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        _secret = secret;
    }

    /// <summary>The URL to configure the webhook with.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The status to answer a request with (awaited, so a test can hold it); 200 by default.</summary>
    public Func<WebhookRequest, Task<int>> Respond { get; set; } = _ => Task.FromResult(StatusCodes.Status200OK);

    /// <summary>Every request so far, in the order they arrived.</summary>
    public IReadOnlyList<WebhookRequest> Requests => [.. _requests.OrderBy(r => r.Index)];

    /// <summary>The distinct event ids received, in the order each first arrived.</summary>
    public IReadOnlyList<string?> EventIds => [.. Requests.Select(r => r.EventId).Distinct()];

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.Single()
            : throw new InvalidOperationException("Kestrel did not start");
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        var headers = context.Request.Headers;
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
        var timestamp = Header("X-Coordinator-Timestamp");
        var signature = Header("X-Coordinator-Signature");
        var request = new WebhookRequest(
            Interlocked.Increment(ref _count),
            Header("X-Coordinator-Event-Id"),
            Header("X-Coordinator-Event"),
            int.TryParse(Header("X-Coordinator-Delivery-Attempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) ? attempt : null,
            timestamp,
            signature,
            Verifies(timestamp, signature, bytes),
            bytes,
            DateTimeOffset.UtcNow);
        _requests.Enqueue(request);
        return Results.StatusCode(await Respond(request));
    }

    private bool Verifies(string? timestamp, string? signature, byte[] body)
    {
        if (timestamp is null || signature is null)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
