using Coordinator.Domain;
using Coordinator.Fences;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Directory;

/// <summary>
/// Which writers and consumer groups a region has. Adding is idempotent, so losing an ETag race to
/// another activation is resolved by re-reading and deciding again: the name may already be there.
/// </summary>
public sealed partial class FenceDirectoryGrain(
    [PersistentState("fence-directory", StorageNames.Coordinator)] IPersistentState<FenceDirectoryState> state,
    ILogger<FenceDirectoryGrain> logger) : Grain, IFenceDirectoryGrain
{
    private readonly ConfirmedState<FenceDirectoryState> _state = new(state);

    private string _region = string.Empty;
    private IReadOnlyList<FieldError> _keyErrors = [];

    /// <summary>What storage last confirmed; queries never see an add whose write is still in flight.</summary>
    private FenceDirectory _confirmed = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = this.GetPrimaryKeyString();
        try
        {
            var (service, region) = RegionKey.Parse(_region);
            var errors = new List<FieldError>();
            NameRules.Check("service", service, errors);
            NameRules.Check("region", region, errors);
            _keyErrors = errors;
        }
        catch (FormatException)
        {
            _keyErrors = [new FieldError("key", $"'{_region}' is not 'service/region'")];
        }

        Confirm();
        return Task.CompletedTask;
    }

    Task IFenceDirectoryGrain.AddWriterAsync(string writer) =>
        AddAsync("writer", writer, s => s.WithWriter(writer), s => s.Writers.Count, FenceDirectoryState.MaxWriters);

    Task IFenceDirectoryGrain.AddConsumerGroupAsync(string group) =>
        AddAsync("group", group, s => s.WithConsumerGroup(group), s => s.ConsumerGroups.Count, FenceDirectoryState.MaxConsumerGroups);

    Task<FenceDirectory> IFenceDirectoryGrain.GetAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return Task.FromResult(_confirmed);
    }

    private async Task AddAsync(
        string field, string name, Func<FenceDirectoryState, FenceDirectoryState?> add, Func<FenceDirectoryState, int> count, int max)
    {
        var errors = new List<FieldError>(_keyErrors);
        NameRules.Check(field, name, errors);
        NameRules.ThrowIfAny(errors);

        try
        {
            await _state.DecideAndWriteAsync(
                current =>
                {
                    var next = add(current);
                    if (next is not null && count(next) > max)
                    {
                        throw new InvalidInputException(field, $"{_region} already lists {max} {field}s, the most one region may have");
                    }

                    return new Decision<FenceDirectoryState, bool>(next, next is not null);
                },
                round => LogConflict(logger, _region, field, name, round),
                $"the fence directory of {_region}");
        }
        finally
        {
            Confirm();
        }
    }

    private void Confirm() => _confirmed = new FenceDirectory { Writers = _state.Value.Writers, ConsumerGroups = _state.Value.ConsumerGroups };

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "ETag conflict on the fence directory of {Region} while adding {Kind} {Name} (round {Round}); re-reading")]
    private static partial void LogConflict(ILogger logger, string region, string kind, string name, int round);
}
