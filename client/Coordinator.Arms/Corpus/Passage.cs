namespace Coordinator.Arms.Corpus;

/// <summary>One passage of a corpus: a few sentences under one section.</summary>
/// <param name="Id">Unique in the corpus (e.g. <c>caches-03</c>).</param>
/// <param name="SectionId">The section's id (e.g. <c>caches</c>); the unit a gold item targets.</param>
/// <param name="SectionTitle">The section's human title.</param>
/// <param name="Text">The passage's text.</param>
public sealed record Passage(string Id, string SectionId, string SectionTitle, string Text);
