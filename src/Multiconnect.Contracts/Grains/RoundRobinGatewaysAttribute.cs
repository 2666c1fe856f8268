using Orleans.CodeGeneration;

namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A client sends each call of this method through the next CoreApp's client port in turn (Orleans'
/// "unordered" calls), instead of every call to one grain through the same one. Orleans 10 honours
/// "unordered" only as an option of a method, set when its request is created; the grain-type property
/// of that name is never read.
/// </summary>
[InvokableCustomInitializer(nameof(IRequest.AddInvokeMethodOptions), InvokeMethodOptions.Unordered)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class RoundRobinGatewaysAttribute : Attribute;
