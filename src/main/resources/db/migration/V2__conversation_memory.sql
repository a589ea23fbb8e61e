-- The agent's working memory of a conversation: the token window of messages (with tool calls and results) that goes
-- back to the model, as LangChain4j's JSON. The messages table keeps the full transcript people read; this column
-- keeps what the model sees, which drops old messages as the window moves.
alter table conversations add column memory text;
