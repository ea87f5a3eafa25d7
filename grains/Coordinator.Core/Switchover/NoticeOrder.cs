namespace Coordinator.Switchover;

/// <summary>What a reader does with a view it was told about (by a pushed notice, the stream or a re-read).</summary>
public enum NoticeVerdict
{
    /// <summary>Newer than what the reader holds: take it.</summary>
    Advance,

    /// <summary>What the reader already holds (a duplicate, or a change that moved no epoch): keep what is held.</summary>
    Same,

    /// <summary>An epoch below the held one (a late or replayed notice): ignore it.</summary>
    Stale,
}

/// <summary>
/// Which view wins when notices arrive late, twice or out of order: the higher epoch; at the same epoch,
/// only a view that gives the active arm its first manifest. So a reader never goes back an epoch.
/// </summary>
public static class NoticeOrder
{
    public static NoticeVerdict Judge(ActiveArmView? held, ActiveArmView incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (held is null || incoming.Epoch > held.Epoch)
        {
            return NoticeVerdict.Advance;
        }

        if (incoming.Epoch < held.Epoch)
        {
            return NoticeVerdict.Stale;
        }

        return held.ActiveManifest is null && incoming.ActiveManifest is not null ? NoticeVerdict.Advance : NoticeVerdict.Same;
    }
}
