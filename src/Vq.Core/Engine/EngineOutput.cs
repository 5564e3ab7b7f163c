namespace Vq.Core.Engine;

/// <summary>
/// The engine's output buffers: commands to execute and events to log. Reused across calls (the host drains and
/// clears them), so steady-state processing allocates nothing. Not thread-safe: owned by the engine thread.
/// </summary>
public sealed class EngineOutput
{
    private EngineCommand[] _commands = new EngineCommand[64];
    private EngineEvent[] _events = new EngineEvent[256];
    private int _commandCount;
    private int _eventCount;

    public ReadOnlySpan<EngineCommand> Commands => _commands.AsSpan(0, _commandCount);

    public ReadOnlySpan<EngineEvent> Events => _events.AsSpan(0, _eventCount);

    public void Add(in EngineCommand command)
    {
        if (_commandCount == _commands.Length)
        {
            Array.Resize(ref _commands, _commands.Length * 2);
        }

        _commands[_commandCount++] = command;
    }

    public void Add(in EngineEvent engineEvent)
    {
        if (_eventCount == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }

        _events[_eventCount++] = engineEvent;
    }

    public void Clear()
    {
        Array.Clear(_commands, 0, _commandCount);
        Array.Clear(_events, 0, _eventCount);
        _commandCount = 0;
        _eventCount = 0;
    }
}
