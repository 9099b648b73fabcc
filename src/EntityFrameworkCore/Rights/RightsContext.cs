using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>What every right needs of a context: its options, its model, the subject type asked for, and transactions.</summary>
internal static class RightsContext
{
    /// <summary>The options of <c>UsePersonalDataRights</c>.</summary>
    /// <exception cref="InvalidOperationException">The context's options do not have them.</exception>
    public static PersonalDataRightsOptions OptionsOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<PersonalDataRightsOptionsExtension>()?.Options
        ?? throw new InvalidOperationException(
            $"The DbContext '{context.GetType().FullName}' does not use PiiGuard's personal data rights: add UsePersonalDataRights() to its options " +
            "(for example AddDbContext<TContext>(options => options.UseSqlite(...).UsePersonalDataRights())), so that its model marks and hides the rows of subjects who asked for erasure.");

    /// <summary>
    /// What a right over one subject's data needs: the context's options and personal data model, the subject entity of
    /// <paramref name="subjectType"/> (see <see cref="SubjectOf"/>), and the entities tied to it, the subject's own first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context does not use the rights, or the subject type cannot be told (see <see cref="SubjectOf"/>).</exception>
    public static SubjectRights RightsOver(DbContext context, Type? subjectType, string method)
    {
        PersonalDataRightsOptions options = OptionsOf(context);
        PersonalDataModel model = PersonalDataModel.For(context.GetType());
        PersonalDataEntity subject = SubjectOf(context, model, subjectType, method);
        return new SubjectRights(options, model, subject, TiedTo(model, subject).ToArray());
    }

    /// <summary>The subject entity of <paramref name="subjectType"/>, or the model's only subject when it is null.</summary>
    /// <exception cref="InvalidOperationException">The type is not a subject of the model; or no type was given and the model has no subject or several.</exception>
    public static PersonalDataEntity SubjectOf(DbContext context, PersonalDataModel model, Type? subjectType, string method)
    {
        if (subjectType is not null)
        {
            return model.Entities.FirstOrDefault(entity => entity.IsSubject && entity.ClrType == subjectType)
                ?? throw new InvalidOperationException(
                    $"'{subjectType.FullName}' is not a data subject of the DbContext '{context.GetType().FullName}': its subjects are {Describe(model)}.");
        }

        PersonalDataEntity[] subjects = model.Entities.Where(entity => entity.IsSubject).ToArray();
        return subjects.Length switch
        {
            1 => subjects[0],
            0 => throw new InvalidOperationException(
                $"The DbContext '{context.GetType().FullName}' has no data subject type among its entities: {method} needs an entity marked [DataSubject]."),
            _ => throw new InvalidOperationException(
                $"The DbContext '{context.GetType().FullName}' has {subjects.Length} data subject types ({Describe(model)}): call {method}<TSubject> with the one the key belongs to."),
        };
    }

    /// <summary>The entities whose rows belong to <paramref name="subject"/>'s subjects, the subject's own first, then in the model's order.</summary>
    public static IEnumerable<PersonalDataEntity> TiedTo(PersonalDataModel model, PersonalDataEntity subject) =>
        model.Entities.Where(entity => entity == subject).Concat(model.Entities.Where(entity => entity != subject && entity.SubjectType == subject.ClrType));

    /// <summary>Runs <paramref name="work"/> in one transaction: the caller's, when one is open, or a new one, committed at the end.</summary>
    public static async Task<T> InTransactionAsync<T>(DbContext context, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }

        IExecutionStrategy strategy = context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async token =>
            {
                IDbContextTransaction transaction = await context.Database.BeginTransactionAsync(token).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    T result = await work(token).ConfigureAwait(false);
                    await transaction.CommitAsync(token).ConfigureAwait(false);
                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unix milliseconds, as the erasure mark holds them.</summary>
    public static long UnixMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static string Describe(PersonalDataModel model)
    {
        string[] names = model.Entities.Where(entity => entity.IsSubject).Select(entity => "'" + entity.Name + "'").ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }
}

/// <summary>What <see cref="RightsContext.RightsOver"/> found for one right over one subject's data.</summary>
/// <param name="Options">The options of <c>UsePersonalDataRights</c>.</param>
/// <param name="Model">The context's personal data model.</param>
/// <param name="Subject">The subject entity.</param>
/// <param name="Entities">The entities whose rows belong to the subject's subjects, the subject's own first.</param>
internal readonly record struct SubjectRights(PersonalDataRightsOptions Options, PersonalDataModel Model, PersonalDataEntity Subject, PersonalDataEntity[] Entities);
