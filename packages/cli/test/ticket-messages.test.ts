import { describe, expect, it } from 'vitest';
import { ticketCliMessages } from '../src/commands/ticket/messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('boh ticket messages', () => {
  it('have the same keys and placeholders in both languages', () => {
    const { en, 'zh-CN': zh } = ticketCliMessages;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) expect(placeholders(zh[key as keyof typeof zh]), key).toEqual(placeholders(text));
  });
});
