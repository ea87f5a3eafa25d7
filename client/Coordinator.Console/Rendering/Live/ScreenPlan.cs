using System.Collections.Immutable;

namespace Coordinator.Console.Rendering.Live;

/// <summary>A terminal's size in character cells.</summary>
public readonly record struct ScreenSize(int Width, int Height);

/// <summary>What a line of the live view shows.</summary>
public enum ScreenLineKind
{
    Headline,
    Reason,
    Wave,
    Region,
    Metric,

    /// <summary>"… N more": what did not fit of a list (regions of a wave, waves, a region's metrics).</summary>
    More,
    EventsHeading,
    Event,
}

/// <summary>How a line should stand out; the renderer picks the colour.</summary>
public enum LineTone
{
    Plain,
    Good,
    Warn,
    Bad,
    Muted,
}

/// <summary>One line of the live view, already cut to the screen's width.</summary>
public sealed record ScreenLine(ScreenLineKind Kind, string Text, LineTone Tone = LineTone.Plain);

/// <summary>What goes on screen for one size: at most its height less the cursor's row, none wider than its width.</summary>
public sealed record ScreenPlan(ScreenSize Size, ImmutableList<ScreenLine> Lines);
