import type { Language } from './transport.js';

// The SDK's own messages; errors from the API arrive already in the requested language.
const catalogues = {
  en: {
    network_error: 'Could not reach {baseUrl}: {reason}. Check that the server is running (`boh serve`) and the base URL is right.',
    timeout: 'No response from {baseUrl} within {timeoutMs} ms. Retry later or raise the timeout.',
    aborted: 'The request was cancelled.',
    http_error: 'The API answered with HTTP {status}.',
    to_array_limit: 'toArray() needs a maximum number of records, e.g. toArray({ max: 1000 }); at most {cap}.',
    too_many_records: 'The list has more than {max} records; raise max or iterate with for await … of.',
  },
  'zh-CN': {
    network_error: '无法连接 {baseUrl}：{reason}。请确认服务器已启动（`boh serve`）且地址正确。',
    timeout: '{baseUrl} 在 {timeoutMs} 毫秒内没有响应。请稍后重试或调大超时时间。',
    aborted: '请求已取消。',
    http_error: 'API 返回 HTTP {status}。',
    to_array_limit: 'toArray() 需要指定最大记录数，例如 toArray({ max: 1000 })；最多 {cap}。',
    too_many_records: '列表超过 {max} 条记录；请调大 max，或用 for await … of 逐条读取。',
  },
} as const;

export type SdkMessage = keyof (typeof catalogues)['en'];

/** Format one of the SDK's own messages. */
export function sdkMessage(language: Language | undefined, key: SdkMessage, params: Record<string, unknown> = {}): string {
  const template: string = catalogues[language ?? 'en'][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
