using Microsoft.EntityFrameworkCore;

namespace PiiGuard.EntityFrameworkCore.Tests.App;

/// <summary>
/// The test app's database. Every foreign key restricts deletes, so the database itself refuses an erasure in the
/// wrong order (a note before its attachments, the user before anything of theirs).
/// </summary>
public sealed class RightsTestContext(DbContextOptions<RightsTestContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<NoteAttachment> NoteAttachments => Set<NoteAttachment>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<LoginRecord> LoginRecords => Set<LoginRecord>();

    public DbSet<ApiConnection> ApiConnections => Set<ApiConnection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>().HasIndex(user => user.Email).IsUnique();
        modelBuilder.Entity<Note>().HasOne<User>().WithMany().HasForeignKey(note => note.OwnerId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<NoteAttachment>().HasOne<Note>().WithMany().HasForeignKey(attachment => attachment.NoteId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<NoteAttachment>().HasOne<User>().WithMany().HasForeignKey(attachment => attachment.OwnerId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<Comment>().HasOne<User>().WithMany().HasForeignKey(comment => comment.AuthorId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<LoginRecord>().HasOne<User>().WithMany().HasForeignKey(record => record.UserId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<LoginRecord>().HasIndex(record => record.OccurredAt);
        modelBuilder.Entity<ApiConnection>().HasOne<User>().WithMany().HasForeignKey(connection => connection.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
