import { register } from 'prom-client';
import { gaugeOnScrape } from './gauge-on-scrape';

const scraped = (name: string) => register.getSingleMetricAsString(name);

it('reads its samples when scraped, from every source, a later reader of a source replacing the earlier', async () => {
  let backlog = 3;
  gaugeOnScrape('test_backlog_messages', 'help', ['consumer'], 'a', async () => [
    { labels: { consumer: 'a' }, value: backlog },
  ]);
  gaugeOnScrape('test_backlog_messages', 'help', ['consumer'], 'b', async () => [
    { labels: { consumer: 'b' }, value: 1 },
  ]);
  expect(await scraped('test_backlog_messages')).toContain('test_backlog_messages{consumer="a"} 3');
  backlog = 0;
  gaugeOnScrape('test_backlog_messages', 'help', ['consumer'], 'b', async () => [
    { labels: { consumer: 'b2' }, value: 2 },
  ]);
  const text = await scraped('test_backlog_messages');
  expect(text).toContain('test_backlog_messages{consumer="a"} 0');
  expect(text).toContain('test_backlog_messages{consumer="b2"} 2');
  expect(text).not.toContain('consumer="b"}');
});

it('leaves out the samples of a reader that fails, and keeps the others', async () => {
  gaugeOnScrape('test_records', 'help', ['kind'], 'db', async () => {
    throw new Error('database down');
  });
  gaugeOnScrape('test_records', 'help', ['kind'], 'other', async () => [
    { labels: { kind: 'user' }, value: 5 },
  ]);
  const text = await scraped('test_records');
  expect(text).toContain('# TYPE test_records gauge');
  expect(text).toContain('test_records{kind="user"} 5');
});

it('drops samples a reader no longer answers', async () => {
  let kinds = ['user', 'queue'];
  gaugeOnScrape('test_paused', 'help', ['kind'], 'db', async () =>
    kinds.map((kind) => ({ labels: { kind }, value: 1 })),
  );
  expect(await scraped('test_paused')).toContain('kind="queue"');
  kinds = ['user'];
  expect(await scraped('test_paused')).not.toContain('kind="queue"');
});
