// The official Azure JavaScript SDKs' side of the interoperability tests (JavaScriptSdkInteropTests.cs).
//
// Usage: node interop.mjs <command>   with the command's arguments as one JSON object on stdin.
// Prints one JSON object on stdout. Service refusals the tests provoke on purpose (409, 412, ...)
// are part of that result; anything unexpected goes to stderr with exit code 1.
//
// Property values cross as typed descriptions, {"type": "Int64", "value": "9007199254740993"}, the
// value always a string, so the .NET side can assert the exact Edm type of what the SDK saw or sent.
//
// The SDKs resolve from the repository root's node_modules (this file lives below it).
// The connection string is ONBOARDING_TEST_STORAGE (Azurite over http).

import { TableClient } from "@azure/data-tables";
import { QueueClient } from "@azure/storage-queue";

const connectionString = process.env.ONBOARDING_TEST_STORAGE;
if (!connectionString) {
  throw new Error("ONBOARDING_TEST_STORAGE is not set.");
}

function table(name) {
  return TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection: true });
}

function queue(name) {
  return new QueueClient(connectionString, name, { allowInsecureConnection: true });
}

// ---- typed values -------------------------------------------------------------------------

// A typed description as the value the SDK is given to write: the native JavaScript value where
// the SDK maps it to the intended Edm type by itself, the SDK's {value, type} object otherwise.
function toSdkValue(name, description) {
  const { type, value } = description;
  switch (type) {
    case "String":
      return value;
    case "Boolean":
      if (value !== "true" && value !== "false") throw new Error(`${name}: '${value}' is not a Boolean`);
      return value === "true";
    case "Int32": {
      const number = Number(value);
      if (!Number.isInteger(number)) throw new Error(`${name}: '${value}' is not an Int32`);
      return number; // a JavaScript integer is written as Edm.Int32 (no annotation)
    }
    case "Int64":
      return BigInt(value); // written as Edm.Int64, the digits as a string
    case "Double": {
      const number = Number(value);
      // A whole number would go out as Int32 without the annotation; NaN and the infinities
      // have no JSON number, so they go as the service's strings.
      return { type: "Double", value: Number.isFinite(number) ? number : value };
    }
    case "DateTime":
      return { type: "DateTime", value }; // a string keeps all seven fractional digits
    case "Guid":
      return { type: "Guid", value };
    case "Binary":
      return new Uint8Array(Buffer.from(value, "base64"));
    default:
      throw new Error(`${name}: unknown type '${type}'`);
  }
}

// A value read with disableTypeConversion ({value, type}) as a typed description.
function fromSdkValue(name, read) {
  if (read === null || typeof read !== "object" || typeof read.type !== "string") {
    throw new Error(`${name}: expected a typed value, got ${JSON.stringify(read)}`);
  }
  return { type: read.type, value: String(read.value) };
}

function toSdkEntity(entity) {
  const result = { partitionKey: entity.partitionKey, rowKey: entity.rowKey };
  for (const [name, description] of Object.entries(entity.properties ?? {})) {
    result[name] = toSdkValue(name, description);
  }
  return result;
}

function fromSdkEntity(read) {
  const { partitionKey, rowKey, etag, timestamp, ...rest } = read;
  const properties = {};
  for (const [name, value] of Object.entries(rest)) {
    if (name.startsWith("odata.")) continue;
    properties[name] = fromSdkValue(name, value);
  }
  return { partitionKey, rowKey, etag, properties };
}

// ---- outcomes -----------------------------------------------------------------------------

// A service refusal as data; anything else is a failure of the script.
function refusal(error) {
  if (error?.name !== "RestError" || typeof error.statusCode !== "number") {
    throw error;
  }
  const code = error.code ?? error.response?.headers?.get("x-ms-error-code") ?? error.details?.odataError?.code ?? null;
  return { ok: false, status: error.statusCode, code, message: error.message };
}

async function outcome(operation) {
  try {
    const response = await operation();
    return { ok: true, etag: response?.etag ?? null };
  } catch (error) {
    return refusal(error);
  }
}

// ---- commands -----------------------------------------------------------------------------

const commands = {
  // {table, entities: [entity]} -> {results: [outcome]}; inserts one after another.
  async "table-add"({ table: name, entities }) {
    const client = table(name);
    const results = [];
    for (const entity of entities) {
      results.push(await outcome(() => client.createEntity(toSdkEntity(entity))));
    }
    return { results };
  },

  // {table, keys: [{partitionKey, rowKey}]} -> {entities: [entity | null]}; null when missing.
  // Each entity also carries "wire", the service's JSON answer as the SDK received it: a whole
  // Double comes as 5.0 without a type annotation, and JSON.parse leaves the SDK only the number 5.
  async "table-get"({ table: name, keys }) {
    const client = table(name);
    const entities = [];
    for (const { partitionKey, rowKey } of keys) {
      let wire = null;
      try {
        const read = await client.getEntity(partitionKey, rowKey, {
          disableTypeConversion: true,
          onResponse: (response) => {
            wire = response.bodyAsText ?? null;
          },
        });
        entities.push({ ...fromSdkEntity(read), wire });
      } catch (error) {
        if (refusal(error).status !== 404) throw error;
        entities.push(null);
      }
    }
    return { entities };
  },

  // {table, partitionKey} -> {entities: [entity]}: the whole partition, in the service's order.
  async "table-query"({ table: name, partitionKey }) {
    const entities = [];
    const pages = table(name).listEntities({
      queryOptions: { filter: `PartitionKey eq '${partitionKey.replaceAll("'", "''")}'` },
      disableTypeConversion: true,
    });
    for await (const entity of pages) {
      entities.push(fromSdkEntity(entity));
    }
    return { entities };
  },

  // {table, updates: [{entity, mode: "Merge"|"Replace", etag}]} -> {results: [outcome]};
  // etag "*" (or none) updates unconditionally.
  async "table-update"({ table: name, updates }) {
    const client = table(name);
    const results = [];
    for (const { entity, mode, etag } of updates) {
      results.push(await outcome(() => client.updateEntity(toSdkEntity(entity), mode ?? "Merge", { etag: etag ?? "*" })));
    }
    return { results };
  },

  // {table, transactions: [[{action: "create"|"upsert"|"update"|"delete", entity, mode, etag}]]}
  // -> {results: [{ok: true, status, subResponses: [{status, etag}]} | refusal]}, one after another.
  async "table-transaction"({ table: name, transactions }) {
    const client = table(name);
    const results = [];
    for (const actions of transactions) {
      const sdkActions = actions.map(({ action, entity, mode, etag }) => {
        const sdkEntity = toSdkEntity(entity);
        switch (action) {
          case "create":
          case "delete":
            return [action, sdkEntity];
          case "upsert":
            return [action, sdkEntity, mode ?? "Merge"];
          case "update":
            return [action, sdkEntity, mode ?? "Merge", { etag: etag ?? "*" }];
          default:
            throw new Error(`unknown transaction action '${action}'`);
        }
      });
      try {
        const response = await client.submitTransaction(sdkActions);
        results.push({
          ok: true,
          status: response.status,
          subResponses: response.subResponses.map(({ status, etag }) => ({ status, etag: etag?.trim() ?? null })),
        });
      } catch (error) {
        results.push(refusal(error));
      }
    }
    return { results };
  },

  // {queue, messages: [{text, encoding: "plain"|"base64"}]} -> {sent: [{messageId, popReceipt}]}.
  // "plain" sends the text as the SDK does by default; "base64" sends the base64 of its UTF-8
  // bytes, as producers for Azure Functions' queue trigger do.
  async "queue-send"({ queue: name, messages }) {
    const client = queue(name);
    const sent = [];
    for (const { text, encoding } of messages) {
      const body = encoding === "base64" ? Buffer.from(text, "utf8").toString("base64") : text;
      const receipt = await client.sendMessage(body);
      sent.push({ messageId: receipt.messageId, popReceipt: receipt.popReceipt });
    }
    return { sent };
  },

  // {queue, maxMessages, visibilityTimeout} -> {messages: [{messageId, popReceipt, messageText,
  // dequeueCount, base64}]}, base64 being {utf8, hex} of the text's decoding when it is base64.
  async "queue-receive"({ queue: name, maxMessages, visibilityTimeout }) {
    const response = await queue(name).receiveMessages({
      numberOfMessages: maxMessages ?? 32,
      visibilityTimeout: visibilityTimeout ?? 30,
    });
    const messages = response.receivedMessageItems.map((m) => ({
      messageId: m.messageId,
      popReceipt: m.popReceipt,
      messageText: m.messageText,
      dequeueCount: m.dequeueCount,
      base64: decodeBase64(m.messageText),
    }));
    return { messages };
  },
};

function decodeBase64(text) {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    return null;
  }
  const bytes = Buffer.from(text, "base64");
  return { utf8: bytes.toString("utf8"), hex: bytes.toString("hex") };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  return text.length === 0 ? {} : JSON.parse(text);
}

const name = process.argv[2];
const command = commands[name];
if (!command) {
  process.stderr.write(`Unknown command '${name}'. Commands: ${Object.keys(commands).join(", ")}\n`);
  process.exit(2);
}
const result = await command(await readStdin());
process.stdout.write(JSON.stringify(result) + "\n");
