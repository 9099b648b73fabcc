using Microsoft.EntityFrameworkCore.Metadata;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// The order in which a subject's tables are erased, one transaction each, so that the database accepts every
/// statement and a run cut short between two tables leaves a state the next run finishes: first the anonymised
/// entities (they keep their rows and let go of the subject), then the deleted ones, each before the entities its
/// foreign keys point to (dependents before principals, by the EF Core model), the subject itself last, so that it
/// stays marked, and is found again, until everything else is gone.
/// </summary>
internal static class ErasureOrder
{
    /// <summary>The subject's entities in erasure order; entities without an erasure action are left out.</summary>
    /// <remarks>Foreign keys that form a cycle among the deleted entities cannot all be respected: those entities keep the model's order.</remarks>
    public static IReadOnlyList<PersonalDataEntity> For(PersonalDataModel model, PersonalDataEntity subject, IModel efModel)
    {
        PersonalDataEntity[] tied = model.Entities.Where(entity => entity != subject && entity.SubjectType == subject.ClrType).ToArray();
        var order = new List<PersonalDataEntity>(tied.Length + 1);
        order.AddRange(tied.Where(entity => entity.Erasure == ErasureAction.Anonymise));
        order.AddRange(DependentsFirst(tied.Where(entity => entity.Erasure == ErasureAction.Delete).ToList(), efModel));
        order.Add(subject);
        return order;
    }

    private static IEnumerable<PersonalDataEntity> DependentsFirst(List<PersonalDataEntity> remaining, IModel efModel)
    {
        // principalsOf[e]: the other deleted entities that e's foreign keys point to; e must go before each of them.
        var principalsOf = remaining.ToDictionary(
            entity => entity,
            entity => (efModel.FindEntityType(entity.ClrType)?.GetForeignKeys() ?? [])
                .Select(key => key.PrincipalEntityType.ClrType)
                .Where(type => type != entity.ClrType)
                .ToHashSet());
        while (remaining.Count > 0)
        {
            // The first, in the model's order, that no remaining entity points to; in a cycle, the first of all.
            PersonalDataEntity next = remaining.FirstOrDefault(
                candidate => !remaining.Any(other => other != candidate && principalsOf[other].Contains(candidate.ClrType)))
                ?? remaining[0];
            remaining.Remove(next);
            yield return next;
        }
    }
}
