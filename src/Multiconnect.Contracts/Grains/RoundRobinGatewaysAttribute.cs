using Orleans.CodeGeneration;

namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A client sends each call of this method through the next CoreApp's client port in turn (Orleans'
/// "unordered" calls), instead of every call to one grain through the same one. Then a hung CoreApp holds
/// only the calls that happened to go through it, and the gateway's second copy of such a call goes
/// through another (ShardCaller's hedge). Orleans promises no order between calls either way; ours carry
/// what orders them (an append its id, the shard its log's sequence).
/// </summary>
[InvokableCustomInitializer(nameof(IRequest.AddInvokeMethodOptions), InvokeMethodOptions.Unordered)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class RoundRobinGatewaysAttribute : Attribute;
