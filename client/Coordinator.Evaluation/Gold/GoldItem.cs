namespace Coordinator.Evaluation.Gold;

/// <summary>One gold question: how it is asked, what a right answer says, and where the corpus holds it.</summary>
/// <param name="Id">Unique in the set; the smoke item's id.</param>
/// <param name="Question">The question in its canonical wording (kept for the record; the arm is asked the paraphrases).</param>
/// <param name="Paraphrases">The question worded differently, in order: the arm is asked each of them.</param>
/// <param name="Anchor">The ground truth: what a right answer says.</param>
/// <param name="SectionId">The corpus section that holds the answer.</param>
/// <param name="SectionText">The part of that section the answer needs; coverage is measured against its words.</param>
public sealed record GoldItem(
    string Id,
    string Question,
    IReadOnlyList<string> Paraphrases,
    string Anchor,
    string SectionId,
    string SectionText);
