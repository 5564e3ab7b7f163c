using System.Globalization;

namespace Vq.Logging;

/// <summary>
/// Daily log files <c>{dir}/{prefix}{yyyy-MM-dd}.log</c> (D20: <c>vq_</c> and <c>vq_error_</c>). The date is the
/// injected clock's local date at write time, so a test can cross midnight; on each new day the old file is closed
/// and files of this prefix older than <c>retentionDays</c> are deleted. Appends to an existing file of the day (a
/// restart keeps one file per day). Written by one ZLogger background writer at a time; not otherwise thread-safe.
/// ZLogger's own rolling provider insists on a sequence number at the end of the name, hence this small writer.
/// </summary>
internal sealed class DailyRollingFileStream : Stream
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly string _directory;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly int _retentionDays;
    private readonly SecretScrubber _scrubber;
    private FileStream? _file;
    private DateOnly _day;

    public DailyRollingFileStream(string directory, string prefix, TimeProvider time, int retentionDays, SecretScrubber scrubber)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(scrubber);
        _directory = directory;
        _prefix = prefix;
        _time = time;
        _retentionDays = retentionDays;
        _scrubber = scrubber;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The file written last (null before the first write).</summary>
    public string? CurrentPath => _file?.Name;

    public static string FileName(string prefix, DateOnly day) =>
        prefix + day.ToString(DateFormat, CultureInfo.InvariantCulture) + ".log";

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var file = CurrentFile();
        if (_scrubber.IsEmpty)
        {
            file.Write(buffer);
            return;
        }

        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var span = copy.AsSpan(0, buffer.Length);
            buffer.CopyTo(span);
            _scrubber.Scrub(span);
            file.Write(span);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy, clearArray: true);
        }
    }

    public override void Flush() => _file?.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Deletes this prefix's files dated more than <c>retentionDays</c> before <paramref name="today"/>.</summary>
    public void DeleteExpired(DateOnly today)
    {
        if (_retentionDays <= 0)
        {
            return;
        }

        var oldestKept = today.AddDays(-(_retentionDays - 1));
        foreach (var path in Directory.EnumerateFiles(_directory, _prefix + "*.log"))
        {
            var name = Path.GetFileName(path);
            // Exactly prefix + date + ".log": "vq_" must not match "vq_error_…".
            if (name.Length == _prefix.Length + DateFormat.Length + 4
                && DateOnly.TryParseExact(name.AsSpan(_prefix.Length, DateFormat.Length), DateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var day)
                && day < oldestKept)
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                    // Another process holds it; the next day's sweep tries again.
                }
                catch (UnauthorizedAccessException)
                {
                    // Not ours to delete (permissions); leave it.
                }
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
            _file = null;
        }

        base.Dispose(disposing);
    }

    private FileStream CurrentFile()
    {
        var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        if (_file is not null && today == _day)
        {
            return _file;
        }

        _file?.Flush();
        _file?.Dispose();
        _day = today;
        Directory.CreateDirectory(_directory);
        // FileShare.Read: operators tail the file; bufferSize 1: ZLogger already hands over whole batches.
        _file = new FileStream(Path.Combine(_directory, FileName(_prefix, today)), FileMode.Append, FileAccess.Write, FileShare.Read, 1);
        DeleteExpired(today);
        return _file;
    }
}
