using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coordinator.Operations.Regions;

namespace Coordinator.ApiTests;

/// <summary>A Server-Sent Events reader over a real HTTP response, as a browser's EventSource reads it.</summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseStream> OpenAsync(HttpClient client, string uri, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async Task<string> NextLineAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        return await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
    }

    /// <summary>The next event, skipping comments (heartbeats).</summary>
    public async Task<(string Id, string Name, JsonElement Data)> NextEventAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        string? id = null, name = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.Length == 0 && data is not null)
            {
                return (id!, name!, JsonDocument.Parse(data).RootElement);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
