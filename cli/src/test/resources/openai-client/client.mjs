// Drives an A1 server with OpenAI's own Node client (openai@4) and prints what it saw as one JSON line.
import OpenAI from 'openai';

const model = process.env.A1_MODEL;
const prompt = process.env.A1_PROMPT;
const client = new OpenAI({ baseURL: process.env.A1_BASE_URL, apiKey: 'unused', maxRetries: 0, timeout: 60_000 });
const out = {};

out.models = (await client.models.list()).data.map(m => m.id);

const c = await client.completions.create({ model, prompt, max_tokens: 64, temperature: 0 });
out.completion = c.choices[0].text;
out.completionFinish = c.choices[0].finish_reason;
out.usage = c.usage;

const messages = [{ role: 'user', content: prompt }];
const chat = await client.chat.completions.create({ model, messages, max_tokens: 16, temperature: 0 });
out.chat = chat.choices[0].message.content;

let streamed = '';
let finish = null;
for await (const chunk of await client.chat.completions.create({ model, messages, max_tokens: 16, temperature: 0, stream: true })) {
  streamed += chunk.choices[0]?.delta?.content ?? '';
  finish = chunk.choices[0]?.finish_reason ?? finish;
}
out.chatStream = streamed;
out.chatStreamFinish = finish;

try {
  await client.completions.create({ model, prompt, n: 2 });
  out.nError = null;
} catch (e) {
  out.nError = { status: e.status, type: e.type, param: e.param, message: e.message };
}
console.log(JSON.stringify(out));
