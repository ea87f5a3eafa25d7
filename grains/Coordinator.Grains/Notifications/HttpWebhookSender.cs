using System.Net.Http.Headers;
using Coordinator.Notifications;
using Microsoft.Extensions.Options;

namespace Coordinator.Grains.Notifications;

/// <summary>
/// Sends over one shared <see cref="HttpClient"/>: redirects are not followed (a 3xx is a failure, so a
/// receiver's move cannot send signed events elsewhere), and each attempt has its own timeout.
/// Retries are not made here: the delivery grain schedules them durably.
/// </summary>
public sealed class HttpWebhookSender(HttpClient client, IOptions<WebhookDeliveryOptions> options) : IWebhookSender
{
    /// <summary>A client for webhooks: no redirects, pooled connections renewed every two minutes (DNS changes are seen).</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<WebhookAttemptResult> SendAsync(Uri url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var timeout = options.Value.AttemptTimeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Coordinator-Webhook", "1"));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            return new WebhookAttemptResult((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(null, $"timeout after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptResult(null, ex.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.NameResolutionError => "host name not resolved",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                var other => $"HTTP error ({other})",
            });
        }
    }
}
